import type { ConsoleProduct } from '../registry';
import { Dashboard } from './Dashboard';
import { Practice } from './Practice';

const product: ConsoleProduct = {
  id: 'tutor',
  label: 'Tutor',
  description: 'Speaking practice with pronunciation scores word by word, and a live dashboard for tutors.',
  pages: [
    { path: '/tutor', title: 'Speaking practice', nav: 'Practice', component: Practice },
    { path: '/tutor/dashboard', title: 'Tutor dashboard', nav: 'Tutor dashboard', component: Dashboard },
  ],
};
export default product;
