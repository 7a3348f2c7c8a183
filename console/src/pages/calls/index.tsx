import type { ConsoleProduct } from '../registry';
import { CallScreen } from './CallScreen';
import { PersonaPage } from './PersonaPage';
import { Phonebook } from './Phonebook';
import { RecentCalls } from './RecentCalls';

const product: ConsoleProduct = {
  id: 'calls',
  label: 'Calls',
  description: 'Memorial voice calls: a phonebook of people, their trained voices, and calls with them.',
  pages: [
    { path: '/calls', title: 'Phonebook', nav: 'Phonebook', component: Phonebook },
    { path: '/calls/recent', title: 'Recent calls', nav: 'Recent calls', component: RecentCalls },
    { path: '/calls/personas/:id', title: 'Person', component: PersonaPage },
    { path: '/calls/call/:id', title: 'Call', component: CallScreen },
  ],
};
export default product;
