ALTER TABLE "assist"."customers" DROP CONSTRAINT "customers_age";--> statement-breakpoint
ALTER TABLE "assist"."customers" ALTER COLUMN "age" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "assist"."customers" ALTER COLUMN "gender" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "assist"."customers" ALTER COLUMN "residence" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "assist"."customers" ALTER COLUMN "current_plan" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "calls"."personas" ALTER COLUMN "relationship" SET DATA TYPE text;--> statement-breakpoint
-- The rows above still hold plain text: the data step seal-plaintext-0019 encrypts it when the server starts (it needs the keys).
-- Stored events and notifications never carry a field encrypted at rest: the copies made before this release go.
UPDATE "core"."channel_events" SET "data" = "data" - 'userName'
WHERE "channel" LIKE 'interview:%' AND "event" IN ('session.completed', 'session.rescored') AND "data" ? 'userName';--> statement-breakpoint
UPDATE "core"."notifications" SET "message" = CASE "type"
    WHEN 'calls.training_completed' THEN 'A persona’s voice is ready: you can call now.'
    ELSE 'Training a persona’s voice failed; you can try again.' END
WHERE "type" IN ('calls.training_completed', 'calls.training_failed');--> statement-breakpoint
UPDATE "core"."channel_events" SET "data" = jsonb_set("data", '{message}', to_jsonb(CASE "data"->>'type'
    WHEN 'calls.training_completed' THEN 'A persona’s voice is ready: you can call now.'
    ELSE 'Training a persona’s voice failed; you can try again.' END))
WHERE "channel" LIKE 'user:%' AND "event" = 'notification.created' AND "data"->>'type' IN ('calls.training_completed', 'calls.training_failed');
