import type { ConsoleProduct } from '../registry';
import { InterviewHome, InterviewSession } from './Interview';

const product: ConsoleProduct = {
  id: 'interview',
  label: 'interview:product.label',
  description: 'interview:product.description',
  pages: [
    { path: '/interview', title: 'interview:pages.home.title', nav: 'interview:pages.home.nav', component: InterviewHome },
    { path: '/interview/sessions/:id', title: 'interview:pages.session.title', component: InterviewSession },
  ],
};
export default product;
