import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { MailConfig } from '../../config.js';
import { uuidv7 } from '../db/ids.js';
import { AppError } from '../http/errors.js';

export interface MailMessage {
  /** The account the mail is for; logs name this, never the address. */
  userId: string;
  to: string;
  subject: string;
  text: string;
  /** The link the mail carries (a one-time token): it goes in the mail only, never in a log. */
  link: string;
}

/** The mail port: SMTP when MAIL_URL is set, otherwise one file per mail in the data directory. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close?(): Promise<void>;
}

export function openMailer(config: MailConfig, log: FastifyBaseLogger): Mailer {
  return config.url ? createSmtpMailer(config.url, config.from, log) : createFileMailer(config.dir, config.from, log);
}

// nodemailer is loaded with the first mail: a server that sends none does not hold it in memory.
async function transportFor(options: string | Record<string, unknown>): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport(options);
}

const unavailable = () => new AppError('mail.unavailable', 503, 'the mail could not be sent right now; try again later');

/** Sends through an SMTP server (`smtp://user:password@host:587`, or `smtps://` for TLS from the first byte). */
export function createSmtpMailer(url: string, from: string, log: FastifyBaseLogger): Mailer {
  let transport: Promise<Transporter> | undefined;
  return {
    async send(m) {
      try {
        const info = await (await (transport ??= transportFor(url))).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
        log.info({ userId: m.userId, subject: m.subject, messageId: info.messageId }, 'mail sent');
      } catch (err) {
        // The server's reply and code only: the message (and its link) stays out of the log.
        const e = err as { code?: string; responseCode?: number; message?: string };
        log.warn(
          { userId: m.userId, subject: m.subject, code: e.code, responseCode: e.responseCode, reason: e.message },
          'mail could not be sent',
        );
        throw unavailable();
      }
    },
    async close() {
      (await transport)?.close();
    },
  };
}

/**
 * Without a mail server: each mail becomes an .eml file (mode 0600) in `dir`, for a developer to open; the log
 * line says where, and holds no link.
 */
export function createFileMailer(dir: string, from: string, log: FastifyBaseLogger): Mailer {
  let composer: Promise<Transporter> | undefined;
  return {
    async send(m) {
      const info = await (
        await (composer ??= transportFor({ streamTransport: true, buffer: true, newline: 'unix' }))
      ).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${uuidv7()}.eml`);
      await fs.writeFile(file, info.message, { mode: 0o600, flag: 'wx' });
      log.info({ userId: m.userId, subject: m.subject, file }, 'mail written to a file (MAIL_URL is not set)');
    },
  };
}
