import type { ConsoleProduct } from '../registry';
import { AiUsage } from './AiUsage';
import { Connections } from './Connections';
import { Jobs } from './Jobs';
import { Knowledge } from './Knowledge';
import { Logs } from './Logs';
import { Users } from './Users';
import { Webhooks } from './Webhooks';
import './operator.css';

const product: ConsoleProduct = {
  id: 'operator',
  label: 'Operator',
  description: 'Users, jobs, realtime connections, knowledge imports, webhooks, system logs and AI usage and cost.',
  adminOnly: true,
  pages: [
    { path: '/operator', title: 'Users', nav: 'Users', component: Users },
    { path: '/operator/jobs', title: 'Jobs', nav: 'Jobs', component: Jobs },
    { path: '/operator/realtime', title: 'Realtime connections', nav: 'Realtime', component: Connections },
    { path: '/operator/knowledge', title: 'Knowledge', nav: 'Knowledge', component: Knowledge },
    { path: '/operator/webhooks', title: 'Webhooks', nav: 'Webhooks', component: Webhooks },
    { path: '/operator/logs', title: 'System logs', nav: 'Logs', component: Logs },
    { path: '/operator/ai', title: 'AI usage and cost', nav: 'AI usage', component: AiUsage },
  ],
};
export default product;
