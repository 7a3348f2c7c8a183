import type { ConsoleProduct } from '../registry';
import { Dashboard } from './Dashboard';
import { Practice } from './Practice';
import { RolePlay, RolePlayList } from './RolePlay';

const product: ConsoleProduct = {
  id: 'tutor',
  label: 'Tutor',
  description: 'Speaking practice with pronunciation scores word by word, spoken role-play, and a live dashboard for tutors.',
  pages: [
    { path: '/tutor', title: 'Speaking practice', nav: 'Practice', component: Practice },
    { path: '/tutor/role-play', title: 'Role-play', nav: 'Role-play', component: RolePlayList },
    { path: '/tutor/role-play/:id', title: 'Role-play', component: RolePlay },
    { path: '/tutor/dashboard', title: 'Tutor dashboard', nav: 'Tutor dashboard', component: Dashboard },
  ],
};
export default product;
