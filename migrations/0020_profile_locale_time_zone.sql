ALTER TABLE "core"."users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "core"."users" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "core"."users" ADD CONSTRAINT "users_locale_known" CHECK ("core"."users"."locale" IS NULL OR "core"."users"."locale" IN ('ko', 'en'));