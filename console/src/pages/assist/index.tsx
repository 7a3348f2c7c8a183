import type { ConsoleProduct } from '../registry';
import { Desk } from './Desk';
import { Join } from './Join';
import { Room } from './Room';

const product: ConsoleProduct = {
  id: 'assist',
  label: 'assist:product.label',
  description: 'assist:product.description',
  pages: [
    { path: '/assist', title: 'assist:pages.desk.title', nav: 'assist:pages.desk.nav', component: Desk },
    { path: '/assist/rooms/:id', title: 'assist:pages.room.title', component: Room },
    { path: '/assist/join/:id', title: 'assist:pages.join.title', component: Join },
  ],
};
export default product;
