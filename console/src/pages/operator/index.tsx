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
  label: 'operator:product.label',
  description: 'operator:product.description',
  adminOnly: true,
  pages: [
    { path: '/operator', title: 'operator:pages.users.title', nav: 'operator:pages.users.nav', component: Users },
    { path: '/operator/jobs', title: 'operator:pages.jobs.title', nav: 'operator:pages.jobs.nav', component: Jobs },
    { path: '/operator/realtime', title: 'operator:pages.realtime.title', nav: 'operator:pages.realtime.nav', component: Connections },
    { path: '/operator/knowledge', title: 'operator:pages.knowledge.title', nav: 'operator:pages.knowledge.nav', component: Knowledge },
    { path: '/operator/webhooks', title: 'operator:pages.webhooks.title', nav: 'operator:pages.webhooks.nav', component: Webhooks },
    { path: '/operator/logs', title: 'operator:pages.logs.title', nav: 'operator:pages.logs.nav', component: Logs },
    { path: '/operator/ai', title: 'operator:pages.ai.title', nav: 'operator:pages.ai.nav', component: AiUsage },
  ],
};
export default product;
