CREATE TABLE "core"."job_keys" (
	"queue" text NOT NULL,
	"key" text NOT NULL,
	"job_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_keys_queue_key_pk" PRIMARY KEY("queue","key")
);
--> statement-breakpoint
CREATE TABLE "core"."system_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_logs_level" CHECK ("core"."system_logs"."level" IN ('warn', 'error', 'fatal'))
);
--> statement-breakpoint
CREATE TABLE "core"."webhook_receipts" (
	"endpoint" text NOT NULL,
	"webhook_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_receipts_endpoint_webhook_id_pk" PRIMARY KEY("endpoint","webhook_id")
);
--> statement-breakpoint
CREATE INDEX "job_keys_created_at_idx" ON "core"."job_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "system_logs_created_idx" ON "core"."system_logs" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "system_logs_level_created_idx" ON "core"."system_logs" USING btree ("level","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_receipts_received_at_idx" ON "core"."webhook_receipts" USING btree ("received_at");