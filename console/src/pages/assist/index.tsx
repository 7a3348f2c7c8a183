import type { ConsoleProduct } from '../registry';
import { Desk } from './Desk';
import { Join } from './Join';
import { Room } from './Room';

const product: ConsoleProduct = {
  id: 'assist',
  label: 'Assist',
  description: 'A contact-center agent’s room: live transcript, rolling summary, intent, and suggested answers.',
  pages: [
    { path: '/assist', title: 'Contact center', nav: 'Agent desk', component: Desk },
    { path: '/assist/rooms/:id', title: 'Call', component: Room },
    { path: '/assist/join/:id', title: 'Join a call', component: Join },
  ],
};
export default product;
