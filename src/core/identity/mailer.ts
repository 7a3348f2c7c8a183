import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  /** The account the mail is for; logs name this, never the address. */
  userId: string;
  to: string;
  subject: string;
  text: string;
  link: string;
}

/** The mail port. The embedded default writes the link to the log so a developer can follow it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function createLogMailer(log: FastifyBaseLogger): Mailer {
  return {
    async send(m) {
      log.info({ userId: m.userId, subject: m.subject, link: m.link }, 'mail (no mail server configured): follow this link');
    },
  };
}
