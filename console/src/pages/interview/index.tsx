import type { ConsoleProduct } from '../registry';
import { InterviewHome, InterviewSession } from './Interview';

const product: ConsoleProduct = {
  id: 'interview',
  label: 'Interview',
  description: 'AI mock interviews: answer question by question and read the scored report.',
  pages: [
    { path: '/interview', title: 'Interviews', nav: 'Interviews', component: InterviewHome },
    { path: '/interview/sessions/:id', title: 'Interview', component: InterviewSession },
  ],
};
export default product;
