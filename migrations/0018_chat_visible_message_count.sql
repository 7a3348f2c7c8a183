-- A conversation's message_count is the number of messages shown (its active branch), not every branch ever written;
-- last_message_id, which a new message follows, is the newest shown message (a failed regeneration left it on a
-- hidden reply).
UPDATE "chat"."conversations" c SET
  "message_count" = (SELECT count(*)::int FROM "chat"."messages" m WHERE m."conversation_id" = c."id" AND m."active"),
  "last_message_id" = (
    SELECT m."id" FROM "chat"."messages" m WHERE m."conversation_id" = c."id" AND m."active"
    ORDER BY m."created_at" DESC, m."id" DESC LIMIT 1
  );
