import type { ConsoleProduct } from '../registry';
import { CallScreen } from './CallScreen';
import { PersonaPage } from './PersonaPage';
import { Phonebook } from './Phonebook';
import { RecentCalls } from './RecentCalls';

const product: ConsoleProduct = {
  id: 'calls',
  label: 'calls:product.label',
  description: 'calls:product.description',
  pages: [
    { path: '/calls', title: 'calls:pages.phonebook.title', nav: 'calls:pages.phonebook.nav', component: Phonebook },
    { path: '/calls/recent', title: 'calls:pages.recent.title', nav: 'calls:pages.recent.nav', component: RecentCalls },
    { path: '/calls/personas/:id', title: 'calls:pages.persona.title', component: PersonaPage },
    { path: '/calls/call/:id', title: 'calls:pages.call.title', component: CallScreen },
  ],
};
export default product;
