import type { ConsoleProduct } from '../registry';
import { ChatConversation, ChatHome } from './Chat';

const product: ConsoleProduct = {
  id: 'chat',
  label: 'Chat',
  description: 'Chat with avatar personas: streamed replies, stop and regenerate, branches and feedback.',
  pages: [
    { path: '/chat', title: 'Chat', nav: 'Conversations', component: ChatHome },
    { path: '/chat/c/:id', title: 'Conversation', component: ChatConversation },
  ],
};
export default product;
