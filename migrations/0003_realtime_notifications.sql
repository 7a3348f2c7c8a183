CREATE TABLE "core"."notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"channels_sent" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."channel_events" (
	"channel" text NOT NULL,
	"seq" bigint NOT NULL,
	"event" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_events_channel_seq_pk" PRIMARY KEY("channel","seq")
);
--> statement-breakpoint
CREATE TABLE "core"."channel_heads" (
	"channel" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."presence" (
	"channel" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "presence_channel_connection_id_pk" PRIMARY KEY("channel","connection_id")
);
--> statement-breakpoint
CREATE TABLE "core"."realtime_connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"instance_id" text NOT NULL,
	"connected_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "core"."notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."presence" ADD CONSTRAINT "presence_connection_id_realtime_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "core"."realtime_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."realtime_connections" ADD CONSTRAINT "realtime_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "core"."notifications" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "core"."notifications" USING btree ("user_id","created_at","id") WHERE NOT "core"."notifications"."is_read";--> statement-breakpoint
CREATE INDEX "notifications_created_at_idx" ON "core"."notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "channel_events_created_at_idx" ON "core"."channel_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "presence_connection_idx" ON "core"."presence" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "realtime_connections_user_idx" ON "core"."realtime_connections" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "realtime_connections_expires_at_idx" ON "core"."realtime_connections" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "realtime_connections_instance_idx" ON "core"."realtime_connections" USING btree ("instance_id");