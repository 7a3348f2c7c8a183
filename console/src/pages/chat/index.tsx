import type { ConsoleProduct } from '../registry';
import { ChatConversation, ChatHome } from './Chat';

const product: ConsoleProduct = {
  id: 'chat',
  label: 'chat:product.label',
  description: 'chat:product.description',
  pages: [
    { path: '/chat', title: 'chat:pages.home.title', nav: 'chat:pages.home.nav', component: ChatHome },
    { path: '/chat/c/:id', title: 'chat:pages.conversation.title', component: ChatConversation },
  ],
};
export default product;
