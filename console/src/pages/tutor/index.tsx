import type { ConsoleProduct } from '../registry';
import { Dashboard } from './Dashboard';
import { Practice } from './Practice';
import { RolePlay, RolePlayList } from './RolePlay';

const product: ConsoleProduct = {
  id: 'tutor',
  label: 'tutor:product.label',
  description: 'tutor:product.description',
  pages: [
    { path: '/tutor', title: 'tutor:pages.practice.title', nav: 'tutor:pages.practice.nav', component: Practice },
    { path: '/tutor/role-play', title: 'tutor:pages.rolePlayList.title', nav: 'tutor:pages.rolePlayList.nav', component: RolePlayList },
    { path: '/tutor/role-play/:id', title: 'tutor:pages.rolePlay.title', component: RolePlay },
    { path: '/tutor/dashboard', title: 'tutor:pages.dashboard.title', nav: 'tutor:pages.dashboard.nav', component: Dashboard },
  ],
};
export default product;
