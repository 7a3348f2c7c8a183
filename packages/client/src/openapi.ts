// Generated from the server's OpenAPI document by `npm run client:generate` (openapi-typescript). Do not edit.

export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The process is up */
    get: operations['opsGetHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The database and every configured dependency answer */
    get: operations['opsGetReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics: for clients on the same machine (loopback, not through a proxy), a deployment admin, or the METRICS_TOKEN bearer token */
    get: operations['opsGetMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and sign in */
    post: operations['authRegister'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with email and password */
    post: operations['authLogin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a refresh token for a new pair (the old one stops working) */
    post: operations['authRefreshTokens'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: revoke a refresh token, every token rotated from it, and the access tokens of that sign-in at once */
    post: operations['authLogout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an email address with the token from the mail */
    post: operations['authVerifyEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mail a password-reset link (same answer whether or not the account exists) */
    post: operations['authRequestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/password-reset/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Choose a new password with the token from the mail; signs out everywhere */
    post: operations['authConfirmPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in account */
    get: operations['meGetAccount'];
    put?: never;
    post?: never;
    /** Delete my account and all its data (needs the password) */
    delete: operations['meDeleteAccount'];
    options?: never;
    head?: never;
    /** Change username, full name, language or time zone */
    patch: operations['meUpdateAccount'];
    trace?: never;
  };
  '/v1/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the password; every refresh token and every access token of the account is revoked at once */
    post: operations['meChangePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send (again) the email-verification link (503 mail.unavailable when the mail server refuses it) */
    post: operations['meSendVerificationEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Take a self-service role in a product (one its definition lets users take themselves) */
    post: operations['meTakeRole'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything Talkbase holds about me, as JSON */
    get: operations['meExportData'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All accounts, newest first */
    get: operations['adminListUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/users/{id}/roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Grant a product role */
    put: operations['adminGrantUserRole'];
    post?: never;
    /** Revoke a product role */
    delete: operations['adminRevokeUserRole'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Disable or enable an account */
    patch: operations['adminUpdateUser'];
    trace?: never;
  };
  '/v1/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload a file: a multipart form with a `file` field, or the raw bytes with their Content-Type (and an optional X-File-Name)
     * @description Accepted: audio/wav, audio/mpeg, audio/mp4, audio/webm, audio/ogg, image/png, image/jpeg, image/webp; at most 52428800 bytes. The declared type must match the file's first bytes.
     */
    post: operations['filesUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/files/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A file I may read: its metadata */
    get: operations['filesGetFile'];
    put?: never;
    post?: never;
    /**
     * Delete one of my generic uploads (the bytes are removed after a grace period)
     * @description A product's files (product other than `core`) are deleted through that product's API, which knows what refers to them.
     */
    delete: operations['filesDeleteFile'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/files/{id}/content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The bytes of a file I may read (supports a single Range) */
    get: operations['filesDownload'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/files/{id}/signed-url': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A short-lived link to the bytes that works without a token (for <audio src> and the like) */
    post: operations['filesCreateSignedUrl'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/files/{id}/signed-content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The bytes of a file through a signed link */
    get: operations['filesDownloadSigned'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/voice': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The live voice WebSocket: speech in, transcripts and the spoken reply out, barge-in, latency per turn
     * @description A live spoken conversation on one WebSocket: binary frames carry audio both ways (PCM16 little-endian
     *     mono, 20 ms frames: 16 kHz in; 16 or 24 kHz out), text frames carry JSON control and events. The full protocol
     *     is in docs/voice.md.
     *
     *     First message: {"type":"start","token":"<access token>","product":"<a product that takes voice>","id":"<conversation>",
     *     "audio":{"encoding":"pcm16","inputSampleRate":16000,"outputSampleRate":24000,"frameMs":20}}, answered by
     *     {"type":"started",...}. Then: speech.started, speech.stopped, transcript.partial, transcript.final, reply.delta,
     *     reply.done, audio.start, binary audio frames, audio.end, interrupted (barge-in), metrics (each turn's latency
     *     stages), error {code, message}, end {reason}. A newer connection to the same conversation takes it over: the
     *     older one gets end {reason:"replaced"} and closes with 4409.
     *
     *     Products that take voice here: "calls" (id: an ACTIVE call session of yours); "interview" (id: an interview session of yours with an open question); "tutor" (id: a role-play conversation of yours).
     */
    get: operations['voiceConnect'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/voice/twilio': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Twilio Media Streams: a phone call spoken with a product's voice conversation
     * @description A Twilio Media Stream (bidirectional, from <Connect><Stream>): JSON text messages connected, start, media
     *     (base64 G.711 μ-law, 8000 Hz mono), mark, dtmf and stop in; media (20 ms of μ-law each), mark (after each reply's audio,
     *     named by its turn id) and clear (the caller spoke over the reply) out. The conversation is named by the signed, expiring
     *     "talkbase" custom parameter from POST /v1/voice/telephone-links; a stream whose parameter is missing,
     *     altered, expired, or names a conversation that is not open is closed at its start and nothing is stored. See docs/voice.md.
     *
     *     Products that take voice here: "calls" (id: an ACTIVE call session of yours); "interview" (id: an interview session of yours with an open question); "tutor" (id: a role-play conversation of yours).
     */
    get: operations['voiceConnectTwilio'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/voice/telephone-links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A signed, expiring link that lets a phone call (a Twilio Media Stream) into one conversation of yours
     * @description Checked as a voice connection is: the conversation must be yours and open. Put the answer's twiml (or
     *     streamUrl and parameter in your own <Connect><Stream>) in the reply to Twilio's call webhook.
     *
     *     Products that take voice here: "calls" (id: an ACTIVE call session of yours); "interview" (id: an interview session of yours with an open question); "tutor" (id: a role-play conversation of yours).
     */
    post: operations['voiceCreateTelephoneLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/realtime': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The realtime WebSocket (subscribe to channels, resume by sequence number, presence, signaling)
     * @description One WebSocket per client; JSON text frames. The full protocol is in docs/realtime.md.
     *
     *     Authentication: after the upgrade, send {"type":"auth","token":"<access token>"} as the first message
     *     (within TALKBASE_WS_AUTH_TIMEOUT_SECONDS). The token never goes in the URL, so it stays out of
     *     access logs. The server answers {"type":"authenticated","connectionId","userId","heartbeatMs"}, or
     *     {"type":"error","code":"auth.invalid_token"} and closes with 4401.
     *
     *     Client → server: subscribe {channel, lastSeq?}, unsubscribe {channel}, signal {channel, to?, data}
     *     (WebRTC offer/answer/ICE relayed to the channel's other peers, not stored), ping, auth (again, to
     *     refresh the token before it expires). Server → client: authenticated, subscribed {channel, seq},
     *     event {channel, seq, event, data, at} (ephemeral events have no seq), signal {channel, from, data},
     *     unsubscribed, pong, error {code, message, channel?}.
     *
     *     Channels are <kind>:<id>; the core defines user:<id>, products add theirs. Each subscribe is
     *     authorized from the database at that moment. Subscribing with lastSeq replays the stored events
     *     after it in order, then continues live: no gaps, no duplicates. Close codes: 1001 server shutting
     *     down (reconnect and resume), 4008 slow consumer (send buffer limit reached), 4401 unauthorized.
     *
     *     A plain GET (no upgrade) answers 426.
     */
    get: operations['realtimeConnect'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/realtime/presence/{channel}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is connected to a channel now (allowed to whoever may subscribe to it) */
    get: operations['realtimeGetPresence'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/realtime/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open WebSocket connections on every instance, newest first: user, channels, connected since, instance (admin) */
    get: operations['adminListRealtimeConnections'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My notifications, newest first; live ones arrive as notification.created on user:<my id> */
    get: operations['notificationsList'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark one of my notifications read */
    post: operations['notificationsMarkRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark all my notifications read */
    post: operations['notificationsMarkAllRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/collections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All collections */
    get: operations['knowledgeListCollections'];
    put?: never;
    /** Create a collection (admin) */
    post: operations['knowledgeCreateCollection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/collections/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One collection */
    get: operations['knowledgeGetCollection'];
    put?: never;
    post?: never;
    /** Delete a collection with its chunks, imports and cached queries (admin) */
    delete: operations['knowledgeDeleteCollection'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/collections/{name}/chunks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add chunks, embedding those without a vector (admin) */
    post: operations['knowledgeAddChunks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/collections/{name}/chunks/{chunkId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete one chunk (admin) */
    delete: operations['knowledgeDeleteChunk'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/collections/{name}/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Similarity search with metadata filters
     * @description Give `query` (text, embedded with the collection's model) or `vector`. Results are the same on every database.
     */
    post: operations['knowledgeSearch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/collections/{name}/imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A collection's imports with their status and progress, newest first (admin) */
    get: operations['knowledgeListImports'];
    put?: never;
    /**
     * Import a JSON, JSONL or Markdown file in the background (admin)
     * @description JSON: an array of records; JSONL: one record per line. A record has `content` (or `page_content`, `document`, `text`), optional `title`, `documentKey`, `metadata` (other fields join the metadata) and `embedding`. Markdown is split at headings, long sections at paragraphs. The whole file is checked first; progress is at GET /v1/knowledge/imports/{id}.
     */
    post: operations['knowledgeStartImport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/knowledge/imports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An import's status and progress (admin) */
    get: operations['knowledgeGetImport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Job queue depth by queue, and jobs newest first (filter by queue and state; failed = dead letters) */
    get: operations['adminListJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/jobs/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Put a failed (dead-lettered) or cancelled job back in its queue */
    post: operations['adminRetryJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/webhooks/event-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The events an endpoint can receive, with the schema of each one’s data */
    get: operations['adminListWebhookEventTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Outbound webhook endpoints, newest first */
    get: operations['adminListWebhookEndpoints'];
    put?: never;
    /** Register an endpoint; the answer holds its signing secret, shown this once */
    post: operations['adminCreateWebhookEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One endpoint (its secret is never shown again) */
    get: operations['adminGetWebhookEndpoint'];
    put?: never;
    post?: never;
    /** Remove an endpoint with its deliveries */
    delete: operations['adminDeleteWebhookEndpoint'];
    options?: never;
    head?: never;
    /** Change an endpoint’s address, events or description, or disable and enable it */
    patch: operations['adminUpdateWebhookEndpoint'];
    trace?: never;
  };
  '/v1/admin/webhooks/{id}/secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace the signing secret; the answer holds the new one, shown this once */
    post: operations['adminRotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An endpoint’s deliveries newest first, each with every attempt (status code, latency, error); kept 30 days */
    get: operations['adminListWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a delivered or failed delivery once more, now, with the same webhook-id */
    post: operations['adminRedeliverWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Stored warnings and errors, newest first (kept 30 days) */
    get: operations['adminListSystemLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/ai/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** AI usage and estimated cost by provider, model and capability over a period (default: the last 30 days) */
    get: operations['adminGetAiUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ai/speech': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Speech for a text, made by the configured speech engine (offline: eSpeak NG); audio the offline recognizer knows, for trying the voice routes */
    post: operations['aiSynthesizeSpeech'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ai/engine-contract': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The voice-training engine contract (OpenAPI 3.1) an external AI engine implements; its schemas are also components of this document (AiEngine*) */
    get: operations['aiGetEngineContract'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/engine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Training status changes from the voice-training engine (Standard Webhooks signature)
     * @description Signed with HMAC-SHA256 over `webhook-id.webhook-timestamp.body` (headers webhook-id, webhook-timestamp, webhook-signature). A webhook id is processed once; a repeat answers 200 with duplicate: true.
     */
    post: operations['webhooksReceiveEngineEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make an account an agent: grants the assist agent role and creates the agent record (admin) */
    post: operations['assistCreateAgent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/agents/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My agent record */
    get: operations['assistGetMyAgent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find customers by phone number (exact, through the blind index) */
    get: operations['assistFindCustomers'];
    put?: never;
    /** Register a customer (name and phone are stored encrypted) */
    post: operations['assistCreateCustomer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A customer with their consultation history and summary */
    get: operations['assistGetCustomer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/customers/{id}/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The customer_consultation_summary view for one customer */
    get: operations['assistGetCustomerSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The rooms I opened as an agent, newest first (with their join codes) */
    get: operations['assistListRooms'];
    put?: never;
    /** Open a room for a customer; the answer holds the join code for the customer */
    post: operations['assistOpenRoom'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A room with its peers and the room_conversation_summary view */
    get: operations['assistGetRoom'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/join': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Join the room: its agent as agent, anyone with the join code as customer; then subscribe to room:<id> */
    post: operations['assistJoinRoom'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/leave': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Leave the room (an empty room ends after the configured time) */
    post: operations['assistLeaveRoom'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the call: consultation transcripts, final summary, session and customer history in one transaction */
    post: operations['assistEndRoom'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/transcripts/{segmentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** A partial or final transcript of one utterance (upsert by segment id; a final is never overwritten) */
    put: operations['assistPutTranscriptSegment'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/transcripts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The room’s final transcript in order */
    get: operations['assistListTranscript'];
    put?: never;
    /** Several partial or final segments in one request (an STT gateway’s batch), applied in order with the same rules as one */
    post: operations['assistAddTranscriptSegments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/transcripts/audio': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Audio of one utterance, transcribed on the server into a final segment (audio/wav, audio/webm, audio/mpeg, audio/ogg, audio/mp4) */
    post: operations['assistTranscribeAudio'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/rooms/{id}/assistant': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Incremental summaries and AI results of the room (its agent only) */
    get: operations['assistGetAssistantResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/results/{id}/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept or dismiss a suggestion */
    post: operations['assistSendResultFeedback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/feedback/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Accepted and dismissed results per result type and model version (admin) */
    get: operations['assistListFeedbackByModel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A consultation session with its turn-by-turn transcript */
    get: operations['assistGetSession'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/knowledge/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import FAQ and policy documents (category, classification, keywords, hypothetical questions, price, discount) as documents or a JSON/JSONL file (admin) */
    post: operations['assistImportKnowledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/assist/knowledge/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Search the FAQ with metadata filters (category, classification, keywords, price range) */
    post: operations['assistSearchKnowledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My call settings (created with defaults on first use) */
    get: operations['callsGetSettings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change my call settings */
    patch: operations['callsUpdateSettings'];
    trace?: never;
  };
  '/v1/calls/personas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My live personas */
    get: operations['callsListPersonas'];
    put?: never;
    /** Add a persona to my phonebook (name and number are stored encrypted) */
    post: operations['callsCreatePersona'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/personas/deleted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My deleted personas that can still be restored (within 30 days) */
    get: operations['callsListDeletedPersonas'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/personas/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of my personas */
    get: operations['callsGetPersona'];
    put?: never;
    post?: never;
    /** Delete a persona (restorable for 30 days, then purged with its voice files and calls) */
    delete: operations['callsDeletePersona'];
    options?: never;
    head?: never;
    /** Edit a persona */
    patch: operations['callsUpdatePersona'];
    trace?: never;
  };
  '/v1/calls/personas/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Restore a deleted persona within the grace period */
    post: operations['callsRestorePersona'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/personas/{id}/voice-files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The persona’s voice recordings */
    get: operations['callsListVoiceFiles'];
    put?: never;
    /** Upload a recording of the persona’s voice (multipart `file`, or the raw audio with X-File-Name); it is handed to the voice engine */
    post: operations['callsUploadVoiceFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/personas/{id}/voice-files/{voiceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One voice recording (its bytes: GET /v1/files/{fileId}/content) */
    get: operations['callsGetVoiceFile'];
    put?: never;
    post?: never;
    /** Delete a voice recording and its file */
    delete: operations['callsDeleteVoiceFile'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/personas/{id}/consent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The recorded voice consent */
    get: operations['callsGetConsent'];
    /** Record who gave the voice and my statement that I may use it (required before training) */
    put: operations['callsRecordConsent'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/personas/{id}/training': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The training status, refreshed from the engine */
    get: operations['callsGetTraining'];
    put?: never;
    /** Start training the persona’s voice (needs consent and a voice file; progress arrives by engine webhook; a notification when it completes) */
    post: operations['callsStartTraining'];
    /** Cancel the training in progress */
    delete: operations['callsCancelTraining'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My calls, newest first; `status` keeps one state (ACTIVE: the calls still open, to end one that was left behind) */
    get: operations['callsListCalls'];
    put?: never;
    /** Start a call to a persona (INIT); events stream on call:<id> */
    post: operations['callsCreateCall'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A call */
    get: operations['callsGetCall'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions/{id}/dial': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Dial: INIT → CONNECTING (ends by itself after my call_timeout_seconds) */
    post: operations['callsDial'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions/{id}/answer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The persona answers: CONNECTING → ACTIVE (only with COMPLETED training; one ACTIVE call per persona) */
    post: operations['callsAnswer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions/{id}/hangup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the call: → ENDED (INIT, CONNECTING or ACTIVE); its call log is written in the same transaction */
    post: operations['callsHangup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions/{id}/turns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The call’s transcript */
    get: operations['callsListTurns'];
    put?: never;
    /** Say something in an ACTIVE call; the persona answers (both turns also stream on call:<id>) */
    post: operations['callsSendTurn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/sessions/{id}/turns/audio': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Speak in an ACTIVE call: the clip (raw audio body) is kept, transcribed and answered */
    post: operations['callsSendAudioTurn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My recent calls, newest first */
    get: operations['callsListLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/calls/logs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One call log */
    get: operations['callsGetLog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/personas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Personas to chat with (admins may ask for inactive ones too) */
    get: operations['chatListPersonas'];
    put?: never;
    /** Create a persona (admin) */
    post: operations['chatCreatePersona'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/personas/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One persona */
    get: operations['chatGetPersona'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Edit or deactivate a persona (admin); a deactivated persona takes no new conversations and keeps its history */
    patch: operations['chatUpdatePersona'];
    trace?: never;
  };
  '/v1/chat/personas/{id}/card': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export a persona as a Character Card V2 */
    get: operations['chatExportPersonaCard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/personas/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a Character Card V2 as a persona (admin) */
    post: operations['chatImportPersonaCard'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My chat preferences (defaults until changed) */
    get: operations['chatGetPreferences'];
    /** Change my chat preferences (only the fields given) */
    put: operations['chatUpdatePreferences'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My conversations, newest activity first; `q` searches titles; `archived=true` lists the archive */
    get: operations['chatListConversations'];
    put?: never;
    /** Start a conversation with a persona */
    post: operations['chatCreateConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of my conversations */
    get: operations['chatGetConversation'];
    put?: never;
    post?: never;
    /** Delete a conversation and its messages */
    delete: operations['chatDeleteConversation'];
    options?: never;
    head?: never;
    /** Rename a conversation */
    patch: operations['chatRenameConversation'];
    trace?: never;
  };
  '/v1/chat/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages oldest first: the branch shown by default, or every branch with `all=true` */
    get: operations['chatListMessages'];
    put?: never;
    /**
     * Send a message and get the persona’s reply
     * @description Send `Accept: text/event-stream` to receive Server-Sent Events: `message` (the stored user message), `token` ({delta}) as the reply streams, then `done` (the stored assistant message) or `error` (a problem object). Otherwise the answer is JSON once the reply is complete.
     */
    post: operations['chatSendMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/conversations/{id}/messages/{messageId}/reply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Retry the reply to a message whose reply failed
     * @description Send `Accept: text/event-stream` to receive Server-Sent Events: `message` (the stored user message), `token` ({delta}) as the reply streams, then `done` (the stored assistant message) or `error` (a problem object). Otherwise the answer is JSON once the reply is complete.
     */
    post: operations['chatRetryReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/conversations/{id}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop the reply being streamed; what arrived is kept as an unfinished message */
    post: operations['chatStopReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/messages/{id}/regenerate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Write the latest reply again; the old one stays as another branch
     * @description Send `Accept: text/event-stream` to receive Server-Sent Events: `message` (the stored user message), `token` ({delta}) as the reply streams, then `done` (the stored assistant message) or `error` (a problem object). Otherwise the answer is JSON once the reply is complete.
     */
    post: operations['chatRegenerateReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/messages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Edit one of my messages into a new branch and get a new reply
     * @description Send `Accept: text/event-stream` to receive Server-Sent Events: `message` (the stored user message), `token` ({delta}) as the reply streams, then `done` (the stored assistant message) or `error` (a problem object). Otherwise the answer is JSON once the reply is complete.
     */
    patch: operations['chatEditMessage'];
    trace?: never;
  };
  '/v1/chat/messages/{id}/branches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The alternatives of a message (same parent and role), oldest first */
    get: operations['chatListBranches'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/messages/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Show the branch through this message by default */
    post: operations['chatActivateBranch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/messages/{id}/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Thumbs up or down on a reply, with an optional comment (null clears it) */
    put: operations['chatSetFeedback'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/chat/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My token usage per UTC day (default: the last 30 days) and the daily limit */
    get: operations['chatGetUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/positions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Positions with a prepared question bank (any other position works too) */
    get: operations['interviewListPositions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My interview sessions, newest first */
    get: operations['interviewListSessions'];
    put?: never;
    /** Start an interview: the session and its first question are created together */
    post: operations['interviewStartSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A session with every question, answer, evaluation and emotion summary */
    get: operations['interviewGetSession'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}/answers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Answer the waiting question in text; evaluation follows in the background (events on interview:<id>) */
    post: operations['interviewAnswer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}/answers/audio': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Answer the waiting question by voice: send the recording as the body (audio/wav, audio/webm, audio/mpeg, audio/ogg, audio/mp4) */
    post: operations['interviewAnswerByVoice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}/questions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask the next question now (after a failed attempt), or a follow-up to an earlier question */
    post: operations['interviewAskQuestion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}/records/{order}/evaluate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Evaluate an answer again after a failed evaluation */
    post: operations['interviewReevaluateAnswer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}/records/{order}/evaluation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Store an evaluation from an external evaluator or a human reviewer (validated against the evaluation shape); on a completed session the overall score and evaluation are computed again (event session.rescored) */
    put: operations['interviewStoreEvaluation'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/sessions/{id}/abandon': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a session without finishing it */
    post: operations['interviewAbandonSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/interview/trend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My overall scores over time, per position */
    get: operations['interviewGetTrend'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/profile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My profile */
    get: operations['tutorGetProfile'];
    /** Create or change my profile; the role must be one I took (POST /v1/me/roles {product: "tutor", role}) */
    put: operations['tutorSaveProfile'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/tutors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Tutors, with whether they take new students and how many places are free */
    get: operations['tutorListTutors'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My requests, newest first: those I sent (a student), or those I received in one status (a tutor; default PENDING) */
    get: operations['tutorListRequests'];
    put?: never;
    /** Ask a tutor to take me as a student (one waiting request per tutor) */
    post: operations['tutorCreateRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/requests/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a request: the link and the student’s notification in one transaction; refused past max_students */
    post: operations['tutorApproveRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/requests/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline a request (the student is notified) */
    post: operations['tutorRejectRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My dashboard: linked students, the room each is in and who is online (live: tutor:<my id>) */
    get: operations['tutorListStudents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students/{studentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Stop tutoring a student */
    delete: operations['tutorRemoveStudent'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/tutors/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My tutors (a student) */
    get: operations['tutorListMyTutors'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/tutors/{tutorId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Leave a tutor */
    delete: operations['tutorLeaveTutor'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/room': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Say which room I am in (null: none); my tutors’ dashboards get student.room live */
    put: operations['tutorSetRoom'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a learning session */
    post: operations['tutorStartSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/sessions/{id}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End a session; its numbers are added to the day’s statistics in the same transaction */
    post: operations['tutorEndSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/sessions/recent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My linked students’ sessions, newest first (a tutor) */
    get: operations['tutorListRecentSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students/{studentId}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A student’s sessions in a time range, newest first (the student, a linked tutor, or an admin) */
    get: operations['tutorListStudentSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students/{studentId}/statistics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A student’s daily statistics from one day to another, or for the last `days` days
     * @description Days are calendar days in the deployment’s statistics time zone (TUTOR_TIME_ZONE). With `from` and `to`, the days that have statistics; with `days`, one row for each of the last `days` days up to today there, days without practice as zeros, so a chart needs no clock of its own.
     */
    get: operations['tutorGetStudentStatistics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/practice/audio': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reference audio for a practice session’s sentences: one speak job each (tutor.audio.completed on user:<my id>) */
    post: operations['tutorCreatePracticeAudio'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/practice/audio/{sessionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A practice session’s sentences and their audio */
    get: operations['tutorGetPracticeAudio'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The status of an asynchronous job, with the audio URL once it completed */
    get: operations['tutorGetJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/practice/recordings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Score a recorded sentence: send the audio (raw or multipart) with the practice sentence, or the reference text */
    post: operations['tutorScoreRecording'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students/{studentId}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A student’s pronunciation results, newest first */
    get: operations['tutorListStudentResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start an AI conversation: the AI’s role, the situation and the difficulty */
    post: operations['tutorStartConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/conversations/{id}/turns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Say something; the AI answers in its role */
    post: operations['tutorSendTurn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A conversation with its turns (the student, a linked tutor, an admin) */
    get: operations['tutorGetConversation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students/{studentId}/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A student’s AI conversations, newest first */
    get: operations['tutorListStudentConversations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Feedback I received, newest first */
    get: operations['tutorListFeedback'];
    put?: never;
    /** Send feedback to a linked student: text, or audio spoken by TTS; live when they are connected, else a notification */
    post: operations['tutorSendFeedback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/feedback/recording': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send the tutor’s own recorded feedback to a linked student (the audio raw or multipart; the message says what it is about) */
    post: operations['tutorSendRecordedFeedback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tutor/students/{studentId}/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My feedback thread with a student, newest first (a tutor) */
    get: operations['tutorListStudentFeedback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      requestId?: string;
      errors?: {
        field: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    Profile: {
      /** Format: uuid */
      id: string;
      email: string;
      username: string | null;
      fullName: string | null;
      /** @description The console's language; null follows the browser */
      locale: ('ko' | 'en') | null;
      /** @description IANA time zone for dates and times; null: Asia/Seoul for Korean, the browser’s zone otherwise */
      timeZone: string | null;
      isActive: boolean;
      isVerified: boolean;
      isAdmin: boolean;
      roles: {
        product: string;
        role: string;
      }[];
      lastLoginAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    File: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      ownerId: string;
      product: string;
      purpose: string;
      /** @description The stored type, checked against the first bytes of the file */
      contentType: string;
      /** @description Bytes */
      size: number;
      /** @description Hex SHA-256 of the bytes */
      sha256: string;
      originalName: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    Notification: {
      /** Format: uuid */
      id: string;
      type: string;
      title: string;
      message: string;
      data: {
        [key: string]: unknown;
      };
      isRead: boolean;
      /** @description How it was delivered: in_app (stored, listed here), websocket (pushed on user:<id> to a connection of the user on it) */
      channelsSent: string[];
      /** Format: date-time */
      createdAt: string;
      readAt: string | null;
    };
    /** @description QUEUED → IN_PROGRESS → COMPLETED | FAILED; CANCELLED from QUEUED or IN_PROGRESS */
    AiEngineTrainingStatus: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
    AiEngineUploadFileRequest: {
      personaId: string;
      /** @description A short-lived signed URL the engine downloads the recording from */
      fileUrl: string;
      fileName?: string;
      contentType?: string;
      fileSize?: number;
    };
    AiEngineUploadFileResponse: {
      fileId: string;
    };
    AiEngineCreateJobRequest: {
      personaId: string;
      fileIds: string[];
      /** @description Where the engine POSTs training.status_changed webhooks */
      callbackUrl: string;
    };
    AiEngineTrainingJob: {
      jobId: string;
      personaId: string;
      /** @description QUEUED → IN_PROGRESS → COMPLETED | FAILED; CANCELLED from QUEUED or IN_PROGRESS */
      status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
      progress: number;
      /** @description Set when COMPLETED; used for speech in this voice */
      trainedVoiceId?: string | null;
      error?: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    AiEngineSpeechRequest: {
      text: string;
      /** @description A trainedVoiceId, or an engine voice name */
      voiceId?: string;
      format: 'wav' | 'mp3';
    };
    /** @description POSTed to the job’s callbackUrl on every status change, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,base64 HMAC-SHA256 of "id.timestamp.body" with the shared whsec_ secret). Retry on any non-2xx answer with the same webhook-id. */
    AiEngineWebhookEvent: {
      /** @enum {string} */
      type: 'training.status_changed';
      /** Format: date-time */
      timestamp: string;
      data: {
        jobId: string;
        personaId: string;
        /** @description QUEUED → IN_PROGRESS → COMPLETED | FAILED; CANCELLED from QUEUED or IN_PROGRESS */
        status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
        progress: number;
        /** @description Set when COMPLETED; used for speech in this voice */
        trainedVoiceId?: string | null;
        error?: string | null;
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        updatedAt: string;
      };
    };
    InterviewEvaluation: {
      score: number;
      feedback: string;
      keywords: string[];
      strengths: string[];
      improvements: string[];
    };
    InterviewEmotionSummary: {
      dominant_emotion: string;
      emotion_scores: {
        [key: string]: number;
      };
      facial_expression_data?: {
        [key: string]: unknown;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  opsGetHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
            version: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  opsGetReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            status: string;
            checks: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            status: string;
            checks: {
              [key: string]: string;
            };
          };
        };
      };
    };
  };
  opsGetMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authRegister: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Compared case-insensitively, surrounding spaces ignored */
          email: string;
          /** @description At least 8 characters, every one of which counts, and not easy to guess: common passwords, repeats and the account's own email or name are refused (400 identity.weak_password, naming the field, with why and what would do) */
          password: string;
          username?: string;
          fullName?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            user: components['schemas']['Profile'];
            tokens: {
              accessToken: string;
              refreshToken: string;
              /** @enum {string} */
              tokenType: 'Bearer';
              /** @description Seconds until the access token expires */
              expiresIn: number;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authLogin: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Compared case-insensitively, surrounding spaces ignored */
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            user: components['schemas']['Profile'];
            tokens: {
              accessToken: string;
              refreshToken: string;
              /** @enum {string} */
              tokenType: 'Bearer';
              /** @description Seconds until the access token expires */
              expiresIn: number;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authRefreshTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          refreshToken: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            refreshToken: string;
            /** @enum {string} */
            tokenType: 'Bearer';
            /** @description Seconds until the access token expires */
            expiresIn: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authLogout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          refreshToken: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authVerifyEmail: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          token: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authRequestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Compared case-insensitively, surrounding spaces ignored */
          email: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  authConfirmPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          token: string;
          /** @description At least 8 characters, every one of which counts, and not easy to guess: common passwords, repeats and the account's own email or name are refused (400 identity.weak_password, naming the field, with why and what would do) */
          newPassword: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meGetAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meDeleteAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meUpdateAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          username?: string | null;
          fullName?: string | null;
          locale?: ('ko' | 'en') | null;
          timeZone?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meChangePassword: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          currentPassword: string;
          /** @description At least 8 characters, every one of which counts, and not easy to guess: common passwords, repeats and the account's own email or name are refused (400 identity.weak_password, naming the field, with why and what would do) */
          newPassword: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meSendVerificationEmail: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meTakeRole: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          product: string;
          role: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  meExportData: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            format: string;
            /** Format: date-time */
            exportedAt: string;
            profile: components['schemas']['Profile'];
            notifications: {
              /** Format: uuid */
              id: string;
              type: string;
              title: string;
              message: string;
              data: {
                [key: string]: unknown;
              };
              isRead: boolean;
              /** @description How it was delivered: in_app (stored, listed here), websocket (pushed on user:<id> to a connection of the user on it) */
              channelsSent: string[];
              /** Format: date-time */
              createdAt: string;
              readAt: string | null;
            }[];
            products: {
              [key: string]: unknown;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListUsers: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              email: string;
              username: string | null;
              isActive: boolean;
              isAdmin: boolean;
              /** Format: date-time */
              createdAt: string;
              lastLoginAt: string | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminGrantUserRole: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          product: string;
          role: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminRevokeUserRole: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          product: string;
          role: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminUpdateUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          isActive: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  filesUpload: {
    parameters: {
      query: {
        /** @description `avatar` accepts images only */
        purpose: string;
        /** @description The enabled product the file belongs to (default `core`) */
        product?: string;
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': unknown;
        'audio/wav': unknown;
        'audio/mpeg': unknown;
        'audio/mp4': unknown;
        'audio/webm': unknown;
        'audio/ogg': unknown;
        'image/png': unknown;
        'image/jpeg': unknown;
        'image/webp': unknown;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['File'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  filesGetFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['File'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  filesDeleteFile: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  filesDownload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Default Response */
      206: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      416: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  filesCreateSignedUrl: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Seconds
           * @default 300
           */
          expiresIn?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            url: string;
            /** Format: date-time */
            expiresAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  filesDownloadSigned: {
    parameters: {
      query: {
        expires: number;
        signature: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Default Response */
      206: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      416: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  voiceConnect: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching Protocols: the WebSocket is open */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      426: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  voiceConnectTwilio: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching Protocols: the WebSocket is open */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      426: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  voiceCreateTelephoneLink: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description A product that takes voice (its name) */
          product: string;
          /** @description The conversation, by its id in that product */
          id: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The WebSocket URL for <Stream url="…"> (/v1/voice/twilio on this server's public URL) */
            streamUrl: string;
            /** @description The value of <Parameter name="talkbase">: a signed link to this conversation */
            parameter: string;
            /**
             * Format: date-time
             * @description The stream must start before this; once started it lasts as long as the call
             */
            expiresAt: string;
            /** @description TwiML that connects a phone call to this conversation */
            twiml: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  realtimeConnect: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching Protocols: the WebSocket is open */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      426: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  realtimeGetPresence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description <kind>:<id>, for example user:<id> */
        channel: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            channel: string;
            members: {
              /** Format: uuid */
              userId: string;
              connectionIds: string[];
              /** Format: date-time */
              since: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListRealtimeConnections: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Open connections on every instance */
            total: number;
            instances: {
              instanceId: string;
              connections: number;
              /** @description Whether this is the instance that answered */
              current: boolean;
            }[];
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              userId: string;
              email: string;
              /** @description Channels the connection is subscribed to, in name order */
              channels: string[];
              /** Format: date-time */
              connectedAt: string;
              /** @description The server process holding the socket */
              instanceId: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  notificationsList: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description Only unread ones */
        unread?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Notification'][];
            nextCursor: string | null;
            unreadCount: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  notificationsMarkRead: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Notification'];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  notificationsMarkAllRead: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description How many were unread */
            updated: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeListCollections: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              name: string;
              description: string | null;
              dimension: number;
              /** @description Set by the first embedding; queries are embedded with the same model */
              embeddingModel: string | null;
              chunkCount: number;
              /** @description pgvector HNSW index, or an exact scan where the extension is absent */
              searchMethod: 'hnsw' | 'exact';
              /** Format: date-time */
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeCreateCollection: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Lowercase letters, digits, ".", "_" and "-" */
          name: string;
          description?: string | null;
          /** @description Vector length; default AI_EMBED_DIMENSIONS */
          dimension?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            dimension: number;
            /** @description Set by the first embedding; queries are embedded with the same model */
            embeddingModel: string | null;
            chunkCount: number;
            /** @description pgvector HNSW index, or an exact scan where the extension is absent */
            searchMethod: 'hnsw' | 'exact';
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeGetCollection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            dimension: number;
            /** @description Set by the first embedding; queries are embedded with the same model */
            embeddingModel: string | null;
            chunkCount: number;
            /** @description pgvector HNSW index, or an exact scan where the extension is absent */
            searchMethod: 'hnsw' | 'exact';
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeDeleteCollection: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeAddChunks: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          chunks: {
            content: string;
            title?: string | null;
            documentKey?: string | null;
            metadata?: {
              [key: string]: unknown;
            };
            /** @description A vector computed elsewhere; embedded with the configured model when left out */
            embedding?: number[];
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ids: string[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeDeleteChunk: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
        chunkId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeSearch: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          query?: string;
          vector?: number[];
          /** @default 10 */
          topK?: number;
          /** @description Metadata containment (JSONB @>): {"category": "billing"} */
          filter?: {
            [key: string]: unknown;
          };
          /** @description Numeric bounds on metadata fields: {"year": {"gte": 2024}} */
          ranges?: {
            [key: string]: {
              gt?: number;
              gte?: number;
              lt?: number;
              lte?: number;
            };
          };
          /** @description Answer from the semantic query cache when a close enough query was asked (text queries only) */
          useCache?: boolean;
          /** @description Cosine distance for a cache hit; default TALKBASE_KNOWLEDGE_CACHE_DISTANCE */
          threshold?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              documentKey: string | null;
              title: string | null;
              content: string;
              metadata: {
                [key: string]: unknown;
              };
              /** @description Cosine similarity */
              score: number;
            }[];
            searchMethod: 'hnsw' | 'exact';
            cache?: {
              hit: boolean;
              /** Format: uuid */
              entryId: string;
              hitCount: number;
              distance: number | null;
              cachedQuery: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeListImports: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              collection: string;
              format: 'json' | 'jsonl' | 'markdown';
              fileName: string | null;
              status: 'queued' | 'running' | 'completed' | 'failed';
              /** @description Chunks in the file */
              total: number;
              /** @description Chunks embedded and stored so far */
              done: number;
              error: string | null;
              /** Format: date-time */
              createdAt: string;
              startedAt: string | null;
              finishedAt: string | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeStartImport: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description Lowercase letters, digits, ".", "_" and "-" */
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          format: 'json' | 'jsonl' | 'markdown';
          /** @description The file's text */
          content: string;
          /** @description Becomes the document key of Markdown chunks */
          fileName?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            collection: string;
            format: 'json' | 'jsonl' | 'markdown';
            fileName: string | null;
            status: 'queued' | 'running' | 'completed' | 'failed';
            /** @description Chunks in the file */
            total: number;
            /** @description Chunks embedded and stored so far */
            done: number;
            error: string | null;
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  knowledgeGetImport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            collection: string;
            format: 'json' | 'jsonl' | 'markdown';
            fileName: string | null;
            status: 'queued' | 'running' | 'completed' | 'failed';
            /** @description Chunks in the file */
            total: number;
            /** @description Chunks embedded and stored so far */
            done: number;
            error: string | null;
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListJobs: {
    parameters: {
      query?: {
        queue?: string;
        state?: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            queues: {
              queue: string;
              created: number;
              retry: number;
              active: number;
              /** @description Dead letters: retries exhausted; retry them one by one */
              failed: number;
            }[];
            items: {
              /** Format: uuid */
              id: string;
              queue: string;
              state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
              /** @description Attempts started after the first */
              retryCount: number;
              retryLimit: number;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              startAfter: string;
              startedAt: string | null;
              completedAt: string | null;
              /** @description The last failure, for failed and retried jobs */
              error: string | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminRetryJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            queue: string;
            state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
            /** @description Attempts started after the first */
            retryCount: number;
            retryLimit: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startAfter: string;
            startedAt: string | null;
            completedAt: string | null;
            /** @description The last failure, for failed and retried jobs */
            error: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListWebhookEventTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              type: string;
              product: string;
              summary: string;
              /** @description The JSON Schema of `data` in the delivered body */
              payload: unknown;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListWebhookEndpoints: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              url: string;
              description: string | null;
              eventTypes: string[];
              enabled: boolean;
              disabledAt: string | null;
              disabledReason: string | null;
              failingSince: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminCreateWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description An http:// or https:// address */
          url: string;
          /** @description Catalog event types (GET /v1/admin/webhooks/event-types), or ["*"] for every event */
          eventTypes: string[];
          description?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            eventTypes: string[];
            enabled: boolean;
            disabledAt: string | null;
            disabledReason: string | null;
            failingSince: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The whsec_… signing secret; shown only in this answer */
            secret: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminGetWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            eventTypes: string[];
            enabled: boolean;
            disabledAt: string | null;
            disabledReason: string | null;
            failingSince: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminDeleteWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminUpdateWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description An http:// or https:// address */
          url?: string;
          /** @description Catalog event types (GET /v1/admin/webhooks/event-types), or ["*"] for every event */
          eventTypes?: string[];
          description?: string | null;
          /** @description true starts a disabled endpoint afresh */
          enabled?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            eventTypes: string[];
            enabled: boolean;
            disabledAt: string | null;
            disabledReason: string | null;
            failingSince: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminRotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            eventTypes: string[];
            enabled: boolean;
            disabledAt: string | null;
            disabledReason: string | null;
            failingSince: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The whsec_… signing secret; shown only in this answer */
            secret: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListWebhookDeliveries: {
    parameters: {
      query?: {
        status?: 'pending' | 'delivered' | 'failed';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              endpointId: string;
              /** @description The webhook-id header, the same on every attempt */
              messageId: string;
              eventType: string;
              status: 'pending' | 'delivered' | 'failed';
              attempts: number;
              nextAttemptAt: string | null;
              lastStatusCode: number | null;
              lastError: string | null;
              /** Format: date-time */
              createdAt: string;
              deliveredAt: string | null;
              log: {
                attempt: number;
                trigger: 'automatic' | 'manual';
                statusCode: number | null;
                latencyMs: number;
                error: string | null;
                /** Format: date-time */
                attemptedAt: string;
              }[];
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminRedeliverWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            endpointId: string;
            /** @description The webhook-id header, the same on every attempt */
            messageId: string;
            eventType: string;
            status: 'pending' | 'delivered' | 'failed';
            attempts: number;
            nextAttemptAt: string | null;
            lastStatusCode: number | null;
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            log: {
              attempt: number;
              trigger: 'automatic' | 'manual';
              statusCode: number | null;
              latencyMs: number;
              error: string | null;
              /** Format: date-time */
              attemptedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminListSystemLogs: {
    parameters: {
      query?: {
        level?: 'warn' | 'error' | 'fatal';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              level: 'warn' | 'error' | 'fatal';
              message: string;
              context: {
                [key: string]: unknown;
              };
              requestId: string | null;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adminGetAiUsage: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            rows: {
              provider: string;
              model: string;
              capability: string;
              calls: number;
              errors: number;
              promptTokens: number;
              completionTokens: number;
              audioSeconds: number;
              characters: number;
              averageLatencyMs: number;
              estimatedCostUsd: number;
              /** @description false when the model has no price in the cost table (AI_COSTS); its cost then counts as 0 */
              costKnown: boolean;
            }[];
            totals: {
              calls: number;
              errors: number;
              promptTokens: number;
              completionTokens: number;
              estimatedCostUsd: number;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  aiSynthesizeSpeech: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description What to say */
          text: string;
          /** @description A voice of the speech engine (offline: an eSpeak NG voice such as `en-us` or `ko`); by default one for the text’s script */
          voice?: string;
          /**
           * @description Only WAV (16-bit PCM, mono)
           * @default wav
           * @enum {string}
           */
          format?: 'wav';
        };
      };
    };
    responses: {
      /** @description WAV audio (PCM16 mono) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'audio/wav': string;
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  aiGetEngineContract: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            openapi: string;
            info: {
              title: string;
              version: string;
            } & {
              [key: string]: unknown;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  webhooksReceiveEngineEvent: {
    parameters: {
      query?: never;
      header?: {
        'webhook-id'?: string;
        'webhook-timestamp'?: string;
        'webhook-signature'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description POSTed to the job’s callbackUrl on every status change, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,base64 HMAC-SHA256 of "id.timestamp.body" with the shared whsec_ secret). Retry on any non-2xx answer with the same webhook-id. */
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          type: 'training.status_changed';
          /** Format: date-time */
          timestamp: string;
          data: {
            jobId: string;
            personaId: string;
            /** @description QUEUED → IN_PROGRESS → COMPLETED | FAILED; CANCELLED from QUEUED or IN_PROGRESS */
            status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
            progress: number;
            /** @description Set when COMPLETED; used for speech in this voice */
            trainedVoiceId?: string | null;
            error?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            received: true;
            duplicate: boolean;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistCreateAgent: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          userId: string;
          agentCode: string;
          agentName: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            agentCode: string;
            agentName: string;
            /** Format: uuid */
            userId: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistGetMyAgent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            agentCode: string;
            agentName: string;
            /** Format: uuid */
            userId: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistFindCustomers: {
    parameters: {
      query: {
        phone: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            customerName: string;
            phoneNumber: string | null;
            age: number | null;
            gender: string | null;
            residence: string | null;
            membershipGrade: string | null;
            currentPlan: string | null;
            monthlyFee: number | null;
            contractStatus: string | null;
            bundleInfo: string | null;
            dataAllowance: string | null;
            subscriptionDate: string | null;
            consultationHistory: unknown[];
            /** Format: date-time */
            createdAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistCreateCustomer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          customerName: string;
          phoneNumber?: string | null;
          age?: number | null;
          gender?: string | null;
          residence?: string | null;
          membershipGrade?: string | null;
          currentPlan?: string | null;
          monthlyFee?: number | null;
          contractStatus?: string | null;
          bundleInfo?: string | null;
          dataAllowance?: string | null;
          subscriptionDate?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            customerName: string;
            phoneNumber: string | null;
            age: number | null;
            gender: string | null;
            residence: string | null;
            membershipGrade: string | null;
            currentPlan: string | null;
            monthlyFee: number | null;
            contractStatus: string | null;
            bundleInfo: string | null;
            dataAllowance: string | null;
            subscriptionDate: string | null;
            consultationHistory: unknown[];
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistGetCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customer: {
              /** Format: uuid */
              id: string;
              customerName: string;
              phoneNumber: string | null;
              age: number | null;
              gender: string | null;
              residence: string | null;
              membershipGrade: string | null;
              currentPlan: string | null;
              monthlyFee: number | null;
              contractStatus: string | null;
              bundleInfo: string | null;
              dataAllowance: string | null;
              subscriptionDate: string | null;
              consultationHistory: unknown[];
              /** Format: date-time */
              createdAt: string;
            };
            history: {
              /** Format: uuid */
              id: string;
              sessionId: string | null;
              consultationDate: string;
              consultationType: string;
              detail: {
                [key: string]: unknown;
              };
              /** Format: date-time */
              createdAt: string;
            }[];
            summary: {
              /** Format: uuid */
              customerId: string;
              consultationCount: number;
              lastConsultationDate: string | null;
              consultationTypes: string[];
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistGetCustomerSummary: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            customerId: string;
            consultationCount: number;
            lastConsultationDate: string | null;
            consultationTypes: string[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistListRooms: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              roomName: string;
              status: 'waiting' | 'active' | 'ended';
              metadata: {
                [key: string]: unknown;
              };
              customerId: string | null;
              /** Format: uuid */
              agentId: string;
              joinCode: string | null;
              finalCount: number;
              startedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              endedAt: string | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistOpenRoom: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          roomName: string;
          customerId?: string | null;
          metadata?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            roomName: string;
            status: 'waiting' | 'active' | 'ended';
            metadata: {
              [key: string]: unknown;
            };
            customerId: string | null;
            /** Format: uuid */
            agentId: string;
            joinCode: string | null;
            finalCount: number;
            startedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            endedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistGetRoom: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            room: {
              /** Format: uuid */
              id: string;
              roomName: string;
              status: 'waiting' | 'active' | 'ended';
              metadata: {
                [key: string]: unknown;
              };
              customerId: string | null;
              /** Format: uuid */
              agentId: string;
              joinCode: string | null;
              finalCount: number;
              startedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              endedAt: string | null;
            };
            peers: {
              /** Format: uuid */
              id: string;
              peerId: string;
              userId: string | null;
              role: 'agent' | 'customer';
              nickname: string;
              /** Format: date-time */
              joinedAt: string;
              leftAt: string | null;
            }[];
            summary: {
              /** Format: uuid */
              roomId: string;
              roomName: string;
              status: 'waiting' | 'active' | 'ended';
              peerCount: number;
              transcriptCount: number;
              durationSeconds: number;
              latestSummary: string | null;
              lastSummarizedIndex: number;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistJoinRoom: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          nickname: string;
          joinCode?: string;
          peerId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            room: {
              /** Format: uuid */
              id: string;
              roomName: string;
              status: 'waiting' | 'active' | 'ended';
              metadata: {
                [key: string]: unknown;
              };
              customerId: string | null;
              /** Format: uuid */
              agentId: string;
              joinCode: string | null;
              finalCount: number;
              startedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              endedAt: string | null;
            };
            peer: {
              /** Format: uuid */
              id: string;
              peerId: string;
              userId: string | null;
              role: 'agent' | 'customer';
              nickname: string;
              /** Format: date-time */
              joinedAt: string;
              leftAt: string | null;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistLeaveRoom: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            peerId: string;
            userId: string | null;
            role: 'agent' | 'customer';
            nickname: string;
            /** Format: date-time */
            joinedAt: string;
            leftAt: string | null;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistEndRoom: {
    parameters: {
      query?: {
        consultationType?: string;
        channel?: 'voice' | 'chat' | 'video';
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            room: {
              /** Format: uuid */
              id: string;
              roomName: string;
              status: 'waiting' | 'active' | 'ended';
              metadata: {
                [key: string]: unknown;
              };
              customerId: string | null;
              /** Format: uuid */
              agentId: string;
              joinCode: string | null;
              finalCount: number;
              startedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              endedAt: string | null;
            };
            session: {
              /** Format: uuid */
              id: string;
              roomId: string | null;
              customerId: string | null;
              agentId: string | null;
              agentName: string | null;
              /** Format: date-time */
              startedAt: string;
              /** Format: date-time */
              endedAt: string;
              durationSeconds: number;
              status: string;
              channel: string;
              finalSummary: string | null;
              consultationType: string | null;
              metadata: {
                [key: string]: unknown;
              };
            };
            turns: {
              turnIndex: number;
              speakerType: 'agent' | 'customer';
              speakerName: string | null;
              text: string;
              /** Format: date-time */
              timestamp: string;
              confidence: number | null;
              isFinal: boolean;
              source: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistPutTranscriptSegment: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        segmentId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
          isFinal: boolean;
          /** @description Milliseconds from the start of the call */
          startMs: number;
          /** @description Milliseconds from the start of the call */
          endMs: number;
          confidence?: number | null;
          source?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            segment: {
              /** Format: uuid */
              id: string;
              segmentId: string;
              peerId: string;
              nickname: string;
              speakerRole: 'agent' | 'customer';
              text: string;
              startMs: number;
              endMs: number;
              confidence: number | null;
              /** Format: date-time */
              timestamp: string;
              source: string;
              isFinal: boolean;
              finalIndex: number | null;
              revision: number;
            };
            /** @description false when the segment was already final and nothing changed */
            applied: boolean;
            assistantQueued: boolean;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistListTranscript: {
    parameters: {
      query?: {
        afterIndex?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            segmentId: string;
            peerId: string;
            nickname: string;
            speakerRole: 'agent' | 'customer';
            text: string;
            startMs: number;
            endMs: number;
            confidence: number | null;
            /** Format: date-time */
            timestamp: string;
            source: string;
            isFinal: boolean;
            finalIndex: number | null;
            revision: number;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistAddTranscriptSegments: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          segments: {
            segmentId: string;
            text: string;
            isFinal: boolean;
            /** @description Milliseconds from the start of the call */
            startMs: number;
            /** @description Milliseconds from the start of the call */
            endMs: number;
            confidence?: number | null;
            source?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            segment: {
              /** Format: uuid */
              id: string;
              segmentId: string;
              peerId: string;
              nickname: string;
              speakerRole: 'agent' | 'customer';
              text: string;
              startMs: number;
              endMs: number;
              confidence: number | null;
              /** Format: date-time */
              timestamp: string;
              source: string;
              isFinal: boolean;
              finalIndex: number | null;
              revision: number;
            };
            /** @description false when the segment was already final and nothing changed */
            applied: boolean;
            assistantQueued: boolean;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistTranscribeAudio: {
    parameters: {
      query?: {
        segmentId?: string;
        /** @description Milliseconds from the start of the call */
        startMs?: number;
        language?: string;
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            segment: {
              /** Format: uuid */
              id: string;
              segmentId: string;
              peerId: string;
              nickname: string;
              speakerRole: 'agent' | 'customer';
              text: string;
              startMs: number;
              endMs: number;
              confidence: number | null;
              /** Format: date-time */
              timestamp: string;
              source: string;
              isFinal: boolean;
              finalIndex: number | null;
              revision: number;
            };
            /** @description false when the segment was already final and nothing changed */
            applied: boolean;
            assistantQueued: boolean;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistGetAssistantResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            summaries: {
              /** Format: uuid */
              id: string;
              summaryText: string;
              keyPoints: string[];
              fromIndex: number;
              lastSummarizedIndex: number;
              processingTimeMs: number;
              modelVersion: string;
              /** Format: date-time */
              createdAt: string;
            }[];
            results: {
              /** Format: uuid */
              id: string;
              roomId: string | null;
              sessionId: string | null;
              turnId: string;
              resultType: 'summary' | 'final_summary' | 'intent' | 'sentiment' | 'recommendation';
              resultData: {
                [key: string]: unknown;
              };
              processingTimeMs: number;
              modelVersion: string;
              feedback: ('accepted' | 'dismissed') | null;
              feedbackAt: string | null;
              /** Format: date-time */
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistSendResultFeedback: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          feedback: 'accepted' | 'dismissed';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            roomId: string | null;
            sessionId: string | null;
            turnId: string;
            resultType: 'summary' | 'final_summary' | 'intent' | 'sentiment' | 'recommendation';
            resultData: {
              [key: string]: unknown;
            };
            processingTimeMs: number;
            modelVersion: string;
            feedback: ('accepted' | 'dismissed') | null;
            feedbackAt: string | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistListFeedbackByModel: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            resultType: string;
            modelVersion: string;
            total: number;
            accepted: number;
            dismissed: number;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistGetSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            session: {
              /** Format: uuid */
              id: string;
              roomId: string | null;
              customerId: string | null;
              agentId: string | null;
              agentName: string | null;
              /** Format: date-time */
              startedAt: string;
              /** Format: date-time */
              endedAt: string;
              durationSeconds: number;
              status: string;
              channel: string;
              finalSummary: string | null;
              consultationType: string | null;
              metadata: {
                [key: string]: unknown;
              };
            };
            turns: {
              turnIndex: number;
              speakerType: 'agent' | 'customer';
              speakerName: string | null;
              text: string;
              /** Format: date-time */
              timestamp: string;
              confidence: number | null;
              isFinal: boolean;
              source: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistImportKnowledge: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          documents?: {
            title: string;
            content: string;
            category: string;
            classification?: string;
            keywords?: string[];
            hypotheticalQuestions?: string[];
            hypothetical_questions?: string[];
            price?: number | null;
            discountInfo?: string | null;
            discount_info?: string | null;
            documentKey?: string;
          }[];
          format?: 'json' | 'jsonl';
          content?: string;
          collection?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            collection: string;
            imported: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assistSearchKnowledge: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          query: string;
          category?: string;
          classification?: string;
          keywords?: string[];
          minPrice?: number;
          maxPrice?: number;
          topK?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            chunkId: string;
            title: string | null;
            content: string;
            score: number;
            metadata: {
              [key: string]: unknown;
            };
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description How long a call may stay CONNECTING before it ends with ended_reason timeout */
            callTimeoutSeconds: number;
            /** @description Notify when voice training finishes */
            notificationEnabled: boolean;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsUpdateSettings: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          callTimeoutSeconds?: number;
          notificationEnabled?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description How long a call may stay CONNECTING before it ends with ended_reason timeout */
            callTimeoutSeconds: number;
            /** @description Notify when voice training finishes */
            notificationEnabled: boolean;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsListPersonas: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            phoneNumber: string;
            relationship: string | null;
            profileImageFileId: string | null;
            memo: string | null;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            lastTrainingJobId: string | null;
            lastTrainingUpdatedAt: string | null;
            trainingError: string | null;
            isDeleted: boolean;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsCreatePersona: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          phoneNumber: string;
          relationship?: string | null;
          memo?: string | null;
          profileImageFileId?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            phoneNumber: string;
            relationship: string | null;
            profileImageFileId: string | null;
            memo: string | null;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            lastTrainingJobId: string | null;
            lastTrainingUpdatedAt: string | null;
            trainingError: string | null;
            isDeleted: boolean;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsListDeletedPersonas: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': ({
            /** Format: uuid */
            id: string;
            name: string;
            phoneNumber: string;
            relationship: string | null;
            profileImageFileId: string | null;
            memo: string | null;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            lastTrainingJobId: string | null;
            lastTrainingUpdatedAt: string | null;
            trainingError: string | null;
            isDeleted: boolean;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          } & {
            /** Format: date-time */
            restorableUntil: string;
          })[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetPersona: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            phoneNumber: string;
            relationship: string | null;
            profileImageFileId: string | null;
            memo: string | null;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            lastTrainingJobId: string | null;
            lastTrainingUpdatedAt: string | null;
            trainingError: string | null;
            isDeleted: boolean;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsDeletePersona: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsUpdatePersona: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          phoneNumber?: string;
          relationship?: string | null;
          memo?: string | null;
          profileImageFileId?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            phoneNumber: string;
            relationship: string | null;
            profileImageFileId: string | null;
            memo: string | null;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            lastTrainingJobId: string | null;
            lastTrainingUpdatedAt: string | null;
            trainingError: string | null;
            isDeleted: boolean;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsRestorePersona: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            phoneNumber: string;
            relationship: string | null;
            profileImageFileId: string | null;
            memo: string | null;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            lastTrainingJobId: string | null;
            lastTrainingUpdatedAt: string | null;
            trainingError: string | null;
            isDeleted: boolean;
            deletedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsListVoiceFiles: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            /** Format: uuid */
            fileId: string;
            fileName: string | null;
            contentType: string | null;
            fileSize: number;
            aiFileId: string | null;
            /** Format: date-time */
            uploadedAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsUploadVoiceFile: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': unknown;
        'audio/wav': unknown;
        'audio/mpeg': unknown;
        'audio/mp4': unknown;
        'audio/webm': unknown;
        'audio/ogg': unknown;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            /** Format: uuid */
            fileId: string;
            fileName: string | null;
            contentType: string | null;
            fileSize: number;
            aiFileId: string | null;
            /** Format: date-time */
            uploadedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetVoiceFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        voiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            /** Format: uuid */
            fileId: string;
            fileName: string | null;
            contentType: string | null;
            fileSize: number;
            aiFileId: string | null;
            /** Format: date-time */
            uploadedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsDeleteVoiceFile: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        voiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetConsent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            personaId: string;
            voiceOwner: string;
            statement: string;
            /** Format: date-time */
            consentedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsRecordConsent: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Whose voice the recordings are */
          voiceOwner: string;
          /** @description The uploader’s statement of the right to use the voice */
          statement: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            personaId: string;
            voiceOwner: string;
            statement: string;
            /** Format: date-time */
            consentedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            personaId: string;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            jobId: string | null;
            lastTrainingUpdatedAt: string | null;
            error: string | null;
            engine: {
              status: string;
              progress: number;
            } | null;
            /** @description What a start would be refused for: voice_file (no uploaded recording the engine holds), consent (no recorded consent); empty once training can start */
            missing: ('voice_file' | 'consent')[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsStartTraining: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            personaId: string;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            jobId: string | null;
            lastTrainingUpdatedAt: string | null;
            error: string | null;
            engine: {
              status: string;
              progress: number;
            } | null;
            /** @description What a start would be refused for: voice_file (no uploaded recording the engine holds), consent (no recorded consent); empty once training can start */
            missing: ('voice_file' | 'consent')[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsCancelTraining: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            personaId: string;
            learningStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
            jobId: string | null;
            lastTrainingUpdatedAt: string | null;
            error: string | null;
            engine: {
              status: string;
              progress: number;
            } | null;
            /** @description What a start would be refused for: voice_file (no uploaded recording the engine holds), consent (no recorded consent); empty once training can start */
            missing: ('voice_file' | 'consent')[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsListCalls: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description Only calls in this state */
        status?: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              personaId: string;
              status: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
              dialedAt: string | null;
              startedAt: string | null;
              endedAt: string | null;
              endedReason: ('user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost') | null;
              durationSeconds: number | null;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsCreateCall: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          personaId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            status: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
            dialedAt: string | null;
            startedAt: string | null;
            endedAt: string | null;
            endedReason: ('user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost') | null;
            durationSeconds: number | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetCall: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            status: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
            dialedAt: string | null;
            startedAt: string | null;
            endedAt: string | null;
            endedReason: ('user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost') | null;
            durationSeconds: number | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsDial: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            status: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
            dialedAt: string | null;
            startedAt: string | null;
            endedAt: string | null;
            endedReason: ('user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost') | null;
            durationSeconds: number | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsAnswer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            status: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
            dialedAt: string | null;
            startedAt: string | null;
            endedAt: string | null;
            endedReason: ('user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost') | null;
            durationSeconds: number | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsHangup: {
    parameters: {
      query?: {
        reason?: 'user_hangup' | 'persona_hangup' | 'cancelled' | 'error';
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            status: 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
            dialedAt: string | null;
            startedAt: string | null;
            endedAt: string | null;
            endedReason: ('user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost') | null;
            durationSeconds: number | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsListTurns: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            callSessionId: string;
            seq: number;
            speaker: 'user' | 'persona';
            text: string;
            audioFileId: string | null;
            audioError: string | null;
            latency: {
              sttMs: number | null;
              modelMs: number | null;
              ttsMs: number | null;
            };
            /** @description A spoken reply the caller talked over: text is what was heard */
            interrupted: boolean;
            stages: {
              /** @description End of speech (end of turn detected) → final transcript */
              transcriptMs: number | null;
              /** @description Final transcript → first reply token */
              firstTokenMs: number | null;
              /** @description First reply token → first audio frame sent */
              firstAudioMs: number | null;
              /** @description End of speech → first audio frame sent */
              totalMs: number | null;
              provider: {
                transcribeMs: number | null;
                modelFirstTokenMs: number | null;
                firstSentenceMs: number | null;
                speakFirstAudioMs: number | null;
              };
              /** @description totalMs minus the engines’ own time */
              talkbaseMs: number | null;
              /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
              pacing?: {
                framesSent: number;
                underruns: number;
                maxLateMs: number;
                p99LateMs?: number;
              };
            } | null;
            /** Format: date-time */
            createdAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsSendTurn: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            userTurn: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              callSessionId: string;
              seq: number;
              speaker: 'user' | 'persona';
              text: string;
              audioFileId: string | null;
              audioError: string | null;
              latency: {
                sttMs: number | null;
                modelMs: number | null;
                ttsMs: number | null;
              };
              /** @description A spoken reply the caller talked over: text is what was heard */
              interrupted: boolean;
              stages: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              /** Format: date-time */
              createdAt: string;
            };
            personaTurn: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              callSessionId: string;
              seq: number;
              speaker: 'user' | 'persona';
              text: string;
              audioFileId: string | null;
              audioError: string | null;
              latency: {
                sttMs: number | null;
                modelMs: number | null;
                ttsMs: number | null;
              };
              /** @description A spoken reply the caller talked over: text is what was heard */
              interrupted: boolean;
              stages: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsSendAudioTurn: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': unknown;
        'audio/wav': unknown;
        'audio/mpeg': unknown;
        'audio/mp4': unknown;
        'audio/webm': unknown;
        'audio/ogg': unknown;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            userTurn: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              callSessionId: string;
              seq: number;
              speaker: 'user' | 'persona';
              text: string;
              audioFileId: string | null;
              audioError: string | null;
              latency: {
                sttMs: number | null;
                modelMs: number | null;
                ttsMs: number | null;
              };
              /** @description A spoken reply the caller talked over: text is what was heard */
              interrupted: boolean;
              stages: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              /** Format: date-time */
              createdAt: string;
            };
            personaTurn: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              callSessionId: string;
              seq: number;
              speaker: 'user' | 'persona';
              text: string;
              audioFileId: string | null;
              audioError: string | null;
              latency: {
                sttMs: number | null;
                modelMs: number | null;
                ttsMs: number | null;
              };
              /** @description A spoken reply the caller talked over: text is what was heard */
              interrupted: boolean;
              stages: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsListLogs: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              personaId: string;
              /** Format: uuid */
              callSessionId: string;
              /** Format: date-time */
              startedAt: string;
              /** Format: date-time */
              endedAt: string;
              durationSeconds: number;
              endedReason: 'user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost';
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  callsGetLog: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personaId: string;
            /** Format: uuid */
            callSessionId: string;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            endedAt: string;
            durationSeconds: number;
            endedReason: 'user_hangup' | 'persona_hangup' | 'timeout' | 'error' | 'cancelled' | 'connection_lost';
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatListPersonas: {
    parameters: {
      query?: {
        all?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            description: string;
            systemPrompt: string;
            avatarModel: string | null;
            greeting: string | null;
            isActive: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatCreatePersona: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          id: string;
          name: string;
          description: string;
          systemPrompt: string;
          avatarModel?: string | null;
          greeting?: string | null;
          isActive?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            description: string;
            systemPrompt: string;
            avatarModel: string | null;
            greeting: string | null;
            isActive: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatGetPersona: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            description: string;
            systemPrompt: string;
            avatarModel: string | null;
            greeting: string | null;
            isActive: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatUpdatePersona: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string;
          systemPrompt?: string;
          avatarModel?: string | null;
          greeting?: string | null;
          isActive?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            description: string;
            systemPrompt: string;
            avatarModel: string | null;
            greeting: string | null;
            isActive: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatExportPersonaCard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Character Card V2 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            spec: 'chara_card_v2';
            spec_version: string;
            data: {
              name: string;
              description: string;
              personality: string;
              scenario: string;
              first_mes: string;
              mes_example: string;
              creator_notes?: string;
              system_prompt?: string;
              post_history_instructions?: string;
              alternate_greetings?: string[];
              tags?: string[];
              creator?: string;
              character_version?: string;
              extensions?: {
                [key: string]: unknown;
              };
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatImportPersonaCard: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Character Card V2 */
          card: {
            /** @enum {string} */
            spec: 'chara_card_v2';
            spec_version: string;
            data: {
              name: string;
              description: string;
              personality: string;
              scenario: string;
              first_mes: string;
              mes_example: string;
              creator_notes?: string;
              system_prompt?: string;
              post_history_instructions?: string;
              alternate_greetings?: string[];
              tags?: string[];
              creator?: string;
              character_version?: string;
              extensions?: {
                [key: string]: unknown;
              };
            } & {
              [key: string]: unknown;
            };
          };
          id?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            description: string;
            systemPrompt: string;
            avatarModel: string | null;
            greeting: string | null;
            isActive: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatGetPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            preferredPersona: string | null;
            avatarCustomization: {
              [key: string]: unknown;
            };
            voiceEnabled: boolean;
            theme: 'light' | 'dark';
            language: string;
            updatedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatUpdatePreferences: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          preferredPersona?: string | null;
          avatarCustomization?: {
            [key: string]: unknown;
          };
          voiceEnabled?: boolean;
          theme?: 'light' | 'dark';
          language?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            preferredPersona: string | null;
            avatarCustomization: {
              [key: string]: unknown;
            };
            voiceEnabled: boolean;
            theme: 'light' | 'dark';
            language: string;
            updatedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatListConversations: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        q?: string;
        archived?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              personaId: string;
              title: string | null;
              messageCount: number;
              archived: boolean;
              archivedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatCreateConversation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          personaId: string;
          title?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            personaId: string;
            title: string | null;
            messageCount: number;
            archived: boolean;
            archivedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatGetConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            personaId: string;
            title: string | null;
            messageCount: number;
            archived: boolean;
            archivedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatDeleteConversation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatRenameConversation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          title: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            personaId: string;
            title: string | null;
            messageCount: number;
            archived: boolean;
            archivedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatListMessages: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        all?: boolean;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatSendMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          content: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            userMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            assistantMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatRetryReply: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        messageId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            userMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            assistantMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatStopReply: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            stopped: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatRegenerateReply: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            userMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            assistantMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatEditMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          content: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            userMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            assistantMessage: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              conversationId: string;
              parentId: string | null;
              role: 'user' | 'assistant';
              content: string;
              emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
              tokensUsed: number | null;
              active: boolean;
              unfinished: boolean;
              provider: string | null;
              model: string | null;
              latencyMs: number | null;
              feedback: ('up' | 'down') | null;
              feedbackComment: string | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatListBranches: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            conversationId: string;
            parentId: string | null;
            role: 'user' | 'assistant';
            content: string;
            emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
            tokensUsed: number | null;
            active: boolean;
            unfinished: boolean;
            provider: string | null;
            model: string | null;
            latencyMs: number | null;
            feedback: ('up' | 'down') | null;
            feedbackComment: string | null;
            /** Format: date-time */
            createdAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatActivateBranch: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatSetFeedback: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          rating: ('up' | 'down') | null;
          comment?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            conversationId: string;
            parentId: string | null;
            role: 'user' | 'assistant';
            content: string;
            emotion: ('neutral' | 'happy' | 'sad' | 'angry' | 'surprised' | 'relaxed') | null;
            tokensUsed: number | null;
            active: boolean;
            unfinished: boolean;
            provider: string | null;
            model: string | null;
            latencyMs: number | null;
            feedback: ('up' | 'down') | null;
            feedbackComment: string | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  chatGetUsage: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            days: {
              day: string;
              promptTokens: number;
              completionTokens: number;
              totalTokens: number;
              replies: number;
            }[];
            totalTokens: number;
            dailyLimit: number | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewListPositions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewListSessions: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        position?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              userName: string | null;
              position: string;
              status: 'started' | 'in_progress' | 'completed' | 'abandoned';
              questionCount: number;
              overallScore: number | null;
              overallEvaluation: {
                score: number;
                strongest: {
                  order: number;
                  question: string;
                  score: number;
                } | null;
                weakest: {
                  order: number;
                  question: string;
                  score: number;
                } | null;
                strengths: string[];
                improvements: string[];
                rubricVersion: string | null;
              } | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              completedAt: string | null;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewStartSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          position: string;
          questionCount?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            session: {
              /** Format: uuid */
              id: string;
              userName: string | null;
              position: string;
              status: 'started' | 'in_progress' | 'completed' | 'abandoned';
              questionCount: number;
              overallScore: number | null;
              overallEvaluation: {
                score: number;
                strongest: {
                  order: number;
                  question: string;
                  score: number;
                } | null;
                weakest: {
                  order: number;
                  question: string;
                  score: number;
                } | null;
                strengths: string[];
                improvements: string[];
                rubricVersion: string | null;
              } | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              completedAt: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            records: {
              /** Format: uuid */
              id: string;
              order: number;
              parentOrder: number | null;
              questionText: string;
              answerText: string | null;
              answerMode: ('text' | 'audio') | null;
              answerDurationSeconds: number | null;
              timeToAnswerMs: number | null;
              wordsPerMinute: number | null;
              voiceLatency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              evaluation: components['schemas']['InterviewEvaluation'] | null;
              evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              rubricVersion: string | null;
              evaluationProvider: string | null;
              evaluationModel: string | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              answeredAt: string | null;
              /** Format: date-time */
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewGetSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            session: {
              /** Format: uuid */
              id: string;
              userName: string | null;
              position: string;
              status: 'started' | 'in_progress' | 'completed' | 'abandoned';
              questionCount: number;
              overallScore: number | null;
              overallEvaluation: {
                score: number;
                strongest: {
                  order: number;
                  question: string;
                  score: number;
                } | null;
                weakest: {
                  order: number;
                  question: string;
                  score: number;
                } | null;
                strengths: string[];
                improvements: string[];
                rubricVersion: string | null;
              } | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              completedAt: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            records: {
              /** Format: uuid */
              id: string;
              order: number;
              parentOrder: number | null;
              questionText: string;
              answerText: string | null;
              answerMode: ('text' | 'audio') | null;
              answerDurationSeconds: number | null;
              timeToAnswerMs: number | null;
              wordsPerMinute: number | null;
              voiceLatency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              evaluation: components['schemas']['InterviewEvaluation'] | null;
              evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              rubricVersion: string | null;
              evaluationProvider: string | null;
              evaluationModel: string | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              answeredAt: string | null;
              /** Format: date-time */
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewAnswer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
          /** @description The question answered (its order); a repeated answer to it is a 409 */
          order: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            record: {
              /** Format: uuid */
              id: string;
              order: number;
              parentOrder: number | null;
              questionText: string;
              answerText: string | null;
              answerMode: ('text' | 'audio') | null;
              answerDurationSeconds: number | null;
              timeToAnswerMs: number | null;
              wordsPerMinute: number | null;
              voiceLatency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              evaluation: components['schemas']['InterviewEvaluation'] | null;
              evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              rubricVersion: string | null;
              evaluationProvider: string | null;
              evaluationModel: string | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              answeredAt: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            next: {
              /** Format: uuid */
              id: string;
              order: number;
              parentOrder: number | null;
              questionText: string;
              answerText: string | null;
              answerMode: ('text' | 'audio') | null;
              answerDurationSeconds: number | null;
              timeToAnswerMs: number | null;
              wordsPerMinute: number | null;
              voiceLatency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              evaluation: components['schemas']['InterviewEvaluation'] | null;
              evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              rubricVersion: string | null;
              evaluationProvider: string | null;
              evaluationModel: string | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              answeredAt: string | null;
              /** Format: date-time */
              createdAt: string;
            } | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewAnswerByVoice: {
    parameters: {
      query: {
        /** @description The question answered (its order) */
        order: number;
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            record: {
              /** Format: uuid */
              id: string;
              order: number;
              parentOrder: number | null;
              questionText: string;
              answerText: string | null;
              answerMode: ('text' | 'audio') | null;
              answerDurationSeconds: number | null;
              timeToAnswerMs: number | null;
              wordsPerMinute: number | null;
              voiceLatency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              evaluation: components['schemas']['InterviewEvaluation'] | null;
              evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              rubricVersion: string | null;
              evaluationProvider: string | null;
              evaluationModel: string | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              answeredAt: string | null;
              /** Format: date-time */
              createdAt: string;
            };
            next: {
              /** Format: uuid */
              id: string;
              order: number;
              parentOrder: number | null;
              questionText: string;
              answerText: string | null;
              answerMode: ('text' | 'audio') | null;
              answerDurationSeconds: number | null;
              timeToAnswerMs: number | null;
              wordsPerMinute: number | null;
              voiceLatency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
              evaluation: components['schemas']['InterviewEvaluation'] | null;
              evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              rubricVersion: string | null;
              evaluationProvider: string | null;
              evaluationModel: string | null;
              emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
              emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
              answeredAt: string | null;
              /** Format: date-time */
              createdAt: string;
            } | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewAskQuestion: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          followUpTo?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            order: number;
            parentOrder: number | null;
            questionText: string;
            answerText: string | null;
            answerMode: ('text' | 'audio') | null;
            answerDurationSeconds: number | null;
            timeToAnswerMs: number | null;
            wordsPerMinute: number | null;
            voiceLatency: {
              /** @description End of speech (end of turn detected) → final transcript */
              transcriptMs: number | null;
              /** @description Final transcript → first reply token */
              firstTokenMs: number | null;
              /** @description First reply token → first audio frame sent */
              firstAudioMs: number | null;
              /** @description End of speech → first audio frame sent */
              totalMs: number | null;
              provider: {
                transcribeMs: number | null;
                modelFirstTokenMs: number | null;
                firstSentenceMs: number | null;
                speakFirstAudioMs: number | null;
              };
              /** @description totalMs minus the engines’ own time */
              talkbaseMs: number | null;
              /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
              pacing?: {
                framesSent: number;
                underruns: number;
                maxLateMs: number;
                p99LateMs?: number;
              };
            } | null;
            evaluation: components['schemas']['InterviewEvaluation'] | null;
            evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
            rubricVersion: string | null;
            evaluationProvider: string | null;
            evaluationModel: string | null;
            emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
            emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
            answeredAt: string | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewReevaluateAnswer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        order: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            order: number;
            parentOrder: number | null;
            questionText: string;
            answerText: string | null;
            answerMode: ('text' | 'audio') | null;
            answerDurationSeconds: number | null;
            timeToAnswerMs: number | null;
            wordsPerMinute: number | null;
            voiceLatency: {
              /** @description End of speech (end of turn detected) → final transcript */
              transcriptMs: number | null;
              /** @description Final transcript → first reply token */
              firstTokenMs: number | null;
              /** @description First reply token → first audio frame sent */
              firstAudioMs: number | null;
              /** @description End of speech → first audio frame sent */
              totalMs: number | null;
              provider: {
                transcribeMs: number | null;
                modelFirstTokenMs: number | null;
                firstSentenceMs: number | null;
                speakFirstAudioMs: number | null;
              };
              /** @description totalMs minus the engines’ own time */
              talkbaseMs: number | null;
              /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
              pacing?: {
                framesSent: number;
                underruns: number;
                maxLateMs: number;
                p99LateMs?: number;
              };
            } | null;
            evaluation: components['schemas']['InterviewEvaluation'] | null;
            evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
            rubricVersion: string | null;
            evaluationProvider: string | null;
            evaluationModel: string | null;
            emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
            emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
            answeredAt: string | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewStoreEvaluation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        order: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          evaluation: unknown;
          emotionSummary?: unknown;
          rubricVersion: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            order: number;
            parentOrder: number | null;
            questionText: string;
            answerText: string | null;
            answerMode: ('text' | 'audio') | null;
            answerDurationSeconds: number | null;
            timeToAnswerMs: number | null;
            wordsPerMinute: number | null;
            voiceLatency: {
              /** @description End of speech (end of turn detected) → final transcript */
              transcriptMs: number | null;
              /** @description Final transcript → first reply token */
              firstTokenMs: number | null;
              /** @description First reply token → first audio frame sent */
              firstAudioMs: number | null;
              /** @description End of speech → first audio frame sent */
              totalMs: number | null;
              provider: {
                transcribeMs: number | null;
                modelFirstTokenMs: number | null;
                firstSentenceMs: number | null;
                speakFirstAudioMs: number | null;
              };
              /** @description totalMs minus the engines’ own time */
              talkbaseMs: number | null;
              /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
              pacing?: {
                framesSent: number;
                underruns: number;
                maxLateMs: number;
                p99LateMs?: number;
              };
            } | null;
            evaluation: components['schemas']['InterviewEvaluation'] | null;
            evaluationStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
            rubricVersion: string | null;
            evaluationProvider: string | null;
            evaluationModel: string | null;
            emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
            emotionStatus: ('pending' | 'done' | 'failed' | 'skipped') | null;
            answeredAt: string | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewAbandonSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            userName: string | null;
            position: string;
            status: 'started' | 'in_progress' | 'completed' | 'abandoned';
            questionCount: number;
            overallScore: number | null;
            overallEvaluation: {
              score: number;
              strongest: {
                order: number;
                question: string;
                score: number;
              } | null;
              weakest: {
                order: number;
                question: string;
                score: number;
              } | null;
              strengths: string[];
              improvements: string[];
              rubricVersion: string | null;
            } | null;
            emotionSummary: components['schemas']['InterviewEmotionSummary'] | null;
            completedAt: string | null;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  interviewGetTrend: {
    parameters: {
      query?: {
        position?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            position: string;
            points: {
              /** Format: uuid */
              sessionId: string;
              score: number;
              /** Format: date-time */
              completedAt: string;
            }[];
            average: number;
            change: number;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorGetProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            userId: string;
            role: 'student' | 'tutor' | 'admin';
            name: string;
            isAccepting: boolean;
            maxStudents: number;
            activeStudents: number;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorSaveProfile: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          role: 'student' | 'tutor' | 'admin';
          name: string;
          isAccepting?: boolean;
          maxStudents?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            userId: string;
            role: 'student' | 'tutor' | 'admin';
            name: string;
            isAccepting: boolean;
            maxStudents: number;
            activeStudents: number;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListTutors: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            userId: string;
            role: 'student' | 'tutor' | 'admin';
            name: string;
            isAccepting: boolean;
            maxStudents: number;
            activeStudents: number;
            /** Format: date-time */
            createdAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListRequests: {
    parameters: {
      query: {
        limit?: number;
        cursor?: string;
        side: 'sent' | 'received';
        status?: 'PENDING' | 'APPROVED' | 'REJECTED';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              studentId: string;
              /** Format: uuid */
              tutorId: string;
              status: 'PENDING' | 'APPROVED' | 'REJECTED';
              message: string | null;
              processedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorCreateRequest: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          tutorId: string;
          message?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studentId: string;
            /** Format: uuid */
            tutorId: string;
            status: 'PENDING' | 'APPROVED' | 'REJECTED';
            message: string | null;
            processedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorApproveRequest: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            request: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              studentId: string;
              /** Format: uuid */
              tutorId: string;
              status: 'PENDING' | 'APPROVED' | 'REJECTED';
              message: string | null;
              processedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            };
            link: {
              /** Format: uuid */
              tutorId: string;
              /** Format: uuid */
              studentId: string;
              status: string;
              requestId: string | null;
              room: ('practice' | 'ai-conversation') | null;
              /** Format: date-time */
              assignedAt: string;
              /** Format: date-time */
              updatedAt: string;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorRejectRequest: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studentId: string;
            /** Format: uuid */
            tutorId: string;
            status: 'PENDING' | 'APPROVED' | 'REJECTED';
            message: string | null;
            processedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListStudents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            studentId: string;
            name: string | null;
            room: ('practice' | 'ai-conversation') | null;
            online: boolean;
            /** Format: date-time */
            assignedAt: string;
            /** Format: date-time */
            updatedAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorRemoveStudent: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        studentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            status: string;
            requestId: string | null;
            room: ('practice' | 'ai-conversation') | null;
            /** Format: date-time */
            assignedAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListMyTutors: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            status: string;
            requestId: string | null;
            room: ('practice' | 'ai-conversation') | null;
            /** Format: date-time */
            assignedAt: string;
            /** Format: date-time */
            updatedAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorLeaveTutor: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        tutorId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            status: string;
            requestId: string | null;
            room: ('practice' | 'ai-conversation') | null;
            /** Format: date-time */
            assignedAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorSetRoom: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          room: ('practice' | 'ai-conversation') | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            room: ('practice' | 'ai-conversation') | null;
            online: boolean;
            tutors: number;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorStartSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sessionType: 'practice' | 'conversation';
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studentId: string;
            /** Format: date-time */
            timestamp: string;
            sessionType: 'practice' | 'conversation';
            endedAt: string | null;
            duration: number | null;
            speakingDuration: number | null;
            recordingTime: number | null;
            paceRatio: number | null;
            responseLatency: number | null;
            responseQuality: number | null;
            chatTurns: number;
            practiceCount: number;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorEndSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          duration?: number;
          speakingDuration: number;
          recordingTime?: number;
          paceRatio?: number;
          responseLatency?: number;
          responseQuality?: number;
          chatTurns?: number;
          practiceCount?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            session: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              studentId: string;
              /** Format: date-time */
              timestamp: string;
              sessionType: 'practice' | 'conversation';
              endedAt: string | null;
              duration: number | null;
              speakingDuration: number | null;
              recordingTime: number | null;
              paceRatio: number | null;
              responseLatency: number | null;
              responseQuality: number | null;
              chatTurns: number;
              practiceCount: number;
            };
            statistics: {
              /** Format: uuid */
              studentId: string;
              /** Format: date */
              date: string;
              avgNetSpeakingDensity: number | null;
              avgPaceRatio: number | null;
              avgResponseLatency: number | null;
              avgResponseQuality: number | null;
              chatTurnsCount: number;
              paceRatioCount: number;
              practiceCount: number;
              sessionsCount: number;
              totalRecordingTime: number;
              totalSpeakingTime: number;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListRecentSessions: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studentId: string;
            /** Format: date-time */
            timestamp: string;
            sessionType: 'practice' | 'conversation';
            endedAt: string | null;
            duration: number | null;
            speakingDuration: number | null;
            recordingTime: number | null;
            paceRatio: number | null;
            responseLatency: number | null;
            responseQuality: number | null;
            chatTurns: number;
            practiceCount: number;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListStudentSessions: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        limit?: number;
      };
      header?: never;
      path: {
        studentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studentId: string;
            /** Format: date-time */
            timestamp: string;
            sessionType: 'practice' | 'conversation';
            endedAt: string | null;
            duration: number | null;
            speakingDuration: number | null;
            recordingTime: number | null;
            paceRatio: number | null;
            responseLatency: number | null;
            responseQuality: number | null;
            chatTurns: number;
            practiceCount: number;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorGetStudentStatistics: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        days?: number;
      };
      header?: never;
      path: {
        studentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            studentId: string;
            /** Format: date */
            date: string;
            avgNetSpeakingDensity: number | null;
            avgPaceRatio: number | null;
            avgResponseLatency: number | null;
            avgResponseQuality: number | null;
            chatTurnsCount: number;
            paceRatioCount: number;
            practiceCount: number;
            sessionsCount: number;
            totalRecordingTime: number;
            totalSpeakingTime: number;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorCreatePracticeAudio: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          sessionId: string;
          voiceId?: string;
          sentences: {
            english: string;
            korean?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            sessionId: string;
            sentenceIndex: number;
            english: string;
            korean: string | null;
            voiceId: string | null;
            status: 'PENDING' | 'COMPLETED' | 'FAILED';
            audioFileId: string | null;
            audioUrl: string | null;
            durationMs: number | null;
            jobId: string | null;
            error: string | null;
            /** Format: date-time */
            requestAt: string;
            completedAt: string | null;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorGetPracticeAudio: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sessionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            sessionId: string;
            sentenceIndex: number;
            english: string;
            korean: string | null;
            voiceId: string | null;
            status: 'PENDING' | 'COMPLETED' | 'FAILED';
            audioFileId: string | null;
            audioUrl: string | null;
            durationMs: number | null;
            jobId: string | null;
            error: string | null;
            /** Format: date-time */
            requestAt: string;
            completedAt: string | null;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorGetJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            jobId: string;
            kind: string;
            status: 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';
            audioUrl: string | null;
            error: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorScoreRecording: {
    parameters: {
      query?: {
        sessionId?: string;
        sentenceIndex?: number;
        text?: string;
        sentenceId?: string;
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': unknown;
        'audio/wav': unknown;
        'audio/mpeg': unknown;
        'audio/mp4': unknown;
        'audio/webm': unknown;
        'audio/ogg': unknown;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            result: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              studentId: string;
              /** Format: date-time */
              timestamp: string;
              sentenceId: string | null;
              originalText: string;
              transcribedText: string;
              overallScore: number;
              wordAccuracy: number;
              completenessScore: number;
              grade: string;
              missedWords: string[];
              extraWords: string[];
              feedback: string;
              audioDurationMs: number | null;
              recordingFileId: string | null;
            };
            words: {
              word: string;
              status: 'correct' | 'substituted' | 'missing' | 'extra';
              heard?: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListStudentResults: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        studentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studentId: string;
            /** Format: date-time */
            timestamp: string;
            sentenceId: string | null;
            originalText: string;
            transcribedText: string;
            overallScore: number;
            wordAccuracy: number;
            completenessScore: number;
            grade: string;
            missedWords: string[];
            extraWords: string[];
            feedback: string;
            audioDurationMs: number | null;
            recordingFileId: string | null;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorStartConversation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          role: string;
          situation: string;
          /** @description 상 high, 중 medium, 하 low */
          difficulty: '상' | '중' | '하';
          topic?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            conversationId: string;
            /** Format: uuid */
            studentId: string;
            /** Format: date-time */
            timestamp: string;
            /** @description 상 high, 중 medium, 하 low */
            difficulty: '상' | '중' | '하';
            role: string;
            situation: string;
            topic: string | null;
            turnCount: number;
            message: string | null;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorSendTurn: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            conversation: {
              /** Format: uuid */
              conversationId: string;
              /** Format: uuid */
              studentId: string;
              /** Format: date-time */
              timestamp: string;
              /** @description 상 high, 중 medium, 하 low */
              difficulty: '상' | '중' | '하';
              role: string;
              situation: string;
              topic: string | null;
              turnCount: number;
              message: string | null;
              /** Format: date-time */
              updatedAt: string;
            };
            turn: {
              turn: number;
              studentText: string;
              /** @description The reply; for a spoken reply the student talked over, what was heard */
              aiText: string;
              /** Format: date-time */
              createdAt: string;
              interrupted: boolean;
              latency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
            };
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorGetConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            conversation: {
              /** Format: uuid */
              conversationId: string;
              /** Format: uuid */
              studentId: string;
              /** Format: date-time */
              timestamp: string;
              /** @description 상 high, 중 medium, 하 low */
              difficulty: '상' | '중' | '하';
              role: string;
              situation: string;
              topic: string | null;
              turnCount: number;
              message: string | null;
              /** Format: date-time */
              updatedAt: string;
            };
            turns: {
              turn: number;
              studentText: string;
              /** @description The reply; for a spoken reply the student talked over, what was heard */
              aiText: string;
              /** Format: date-time */
              createdAt: string;
              interrupted: boolean;
              latency: {
                /** @description End of speech (end of turn detected) → final transcript */
                transcriptMs: number | null;
                /** @description Final transcript → first reply token */
                firstTokenMs: number | null;
                /** @description First reply token → first audio frame sent */
                firstAudioMs: number | null;
                /** @description End of speech → first audio frame sent */
                totalMs: number | null;
                provider: {
                  transcribeMs: number | null;
                  modelFirstTokenMs: number | null;
                  firstSentenceMs: number | null;
                  speakFirstAudioMs: number | null;
                };
                /** @description totalMs minus the engines’ own time */
                talkbaseMs: number | null;
                /** @description The reply’s frames: how many were sent, times the audio ran dry, how late they went out */
                pacing?: {
                  framesSent: number;
                  underruns: number;
                  maxLateMs: number;
                  p99LateMs?: number;
                };
              } | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListStudentConversations: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        studentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            conversationId: string;
            /** Format: uuid */
            studentId: string;
            /** Format: date-time */
            timestamp: string;
            /** @description 상 high, 중 medium, 하 low */
            difficulty: '상' | '중' | '하';
            role: string;
            situation: string;
            topic: string | null;
            turnCount: number;
            message: string | null;
            /** Format: date-time */
            updatedAt: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListFeedback: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            feedbackId: string;
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            message: string;
            messageType: 'text' | 'audio';
            audioFileId: string | null;
            sessionId: string | null;
            /** @description Delivered live on user:<student id>; false means it went out as a notification */
            websocketSent: boolean;
            /** Format: date-time */
            timestamp: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorSendFeedback: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          studentId: string;
          message: string;
          messageType?: 'text' | 'audio';
          /** Format: uuid */
          sessionId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            feedbackId: string;
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            message: string;
            messageType: 'text' | 'audio';
            audioFileId: string | null;
            sessionId: string | null;
            /** @description Delivered live on user:<student id>; false means it went out as a notification */
            websocketSent: boolean;
            /** Format: date-time */
            timestamp: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorSendRecordedFeedback: {
    parameters: {
      query: {
        studentId: string;
        message: string;
        sessionId?: string;
      };
      header?: {
        /** @description Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': unknown;
        'audio/wav': unknown;
        'audio/mpeg': unknown;
        'audio/mp4': unknown;
        'audio/webm': unknown;
        'audio/ogg': unknown;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            feedbackId: string;
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            message: string;
            messageType: 'text' | 'audio';
            audioFileId: string | null;
            sessionId: string | null;
            /** @description Delivered live on user:<student id>; false means it went out as a notification */
            websocketSent: boolean;
            /** Format: date-time */
            timestamp: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  tutorListStudentFeedback: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        studentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            feedbackId: string;
            /** Format: uuid */
            tutorId: string;
            /** Format: uuid */
            studentId: string;
            message: string;
            messageType: 'text' | 'audio';
            audioFileId: string | null;
            sessionId: string | null;
            /** @description Delivered live on user:<student id>; false means it went out as a notification */
            websocketSent: boolean;
            /** Format: date-time */
            timestamp: string;
          }[];
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Default Response */
      414: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
