import type Database from 'better-sqlite3'
import { backfillFeedRanks } from './feed-signals'

/**
 * Versioned schema. A migration is never edited once shipped: add the next version instead.
 * Constraints back the invariants the services rely on (stock and balances never negative,
 * idempotency keys unique).
 */
export const MIGRATIONS: readonly {
  version: number
  name: string
  sql: string
  /** Rows the SQL alone cannot fill (a rule that lives in core), written in the same transaction. */
  backfill?: (db: Database.Database) => void
}[] = [
  {
    version: 1,
    name: 'catalog, members, feed, touchpoints',
    sql: `
      CREATE TABLE categories (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        icon TEXT NOT NULL,
        sort INTEGER NOT NULL
      );
      CREATE TABLE products (
        id TEXT PRIMARY KEY,
        category_id TEXT NOT NULL REFERENCES categories(id),
        title TEXT NOT NULL,
        subtitle TEXT NOT NULL,
        images TEXT NOT NULL,
        detail TEXT NOT NULL,
        tags TEXT NOT NULL,
        sales INTEGER NOT NULL CHECK (sales >= 0),
        status TEXT NOT NULL CHECK (status IN ('on', 'off')),
        featured INTEGER NOT NULL CHECK (featured IN (0, 1)),
        commission_bps INTEGER CHECK (commission_bps IS NULL OR commission_bps BETWEEN 0 AND 10000),
        sort INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        min_price INTEGER NOT NULL CHECK (min_price >= 0)
      );
      CREATE INDEX products_by_category ON products (status, category_id, sort);
      CREATE TABLE skus (
        id TEXT PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES products(id),
        position INTEGER NOT NULL,
        specs TEXT NOT NULL,
        price INTEGER NOT NULL CHECK (price >= 0),
        stock INTEGER NOT NULL CHECK (stock >= 0)
      );
      CREATE INDEX skus_by_product ON skus (product_id, position);
      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        nickname TEXT NOT NULL,
        avatar TEXT NOT NULL,
        tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 5),
        roles TEXT NOT NULL,
        share_code TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        author_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        cover TEXT NOT NULL,
        images TEXT NOT NULL,
        product_ids TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pgc', 'ugc')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        likes INTEGER NOT NULL CHECK (likes >= 0),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX posts_feed ON posts (status, created_at DESC);
      CREATE TABLE touchpoints (
        id TEXT PRIMARY KEY,
        member_id TEXT,
        scene INTEGER NOT NULL,
        share_code TEXT,
        post_id TEXT,
        campaign_id TEXT,
        product_id TEXT,
        path TEXT NOT NULL,
        at INTEGER NOT NULL,
        channel TEXT NOT NULL
      );
      CREATE INDEX touchpoints_by_time ON touchpoints (at);
      CREATE TABLE channel_days (
        day TEXT NOT NULL,
        channel TEXT NOT NULL,
        visits INTEGER NOT NULL CHECK (visits >= 0),
        visitors INTEGER NOT NULL CHECK (visitors >= 0),
        PRIMARY KEY (day, channel)
      );
    `,
  },
  {
    version: 2,
    name: 'cart, orders, payments, refunds, outbox',
    sql: `
      CREATE TABLE cart_items (
        member_id TEXT NOT NULL,
        sku_id TEXT NOT NULL REFERENCES skus(id),
        quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (member_id, sku_id)
      );
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('created', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'closed')),
        payable INTEGER NOT NULL CHECK (payable >= 0),
        refunded_amount INTEGER NOT NULL CHECK (refunded_amount BETWEEN 0 AND payable),
        created_at INTEGER NOT NULL,
        pay_deadline INTEGER NOT NULL,
        shipped_at INTEGER,
        received_at INTEGER,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX orders_by_member ON orders (member_id, created_at DESC);
      CREATE INDEX orders_due_payment ON orders (status, pay_deadline);
      CREATE INDEX orders_due_receipt ON orders (status, shipped_at);
      CREATE INDEX orders_due_completion ON orders (status, received_at);
      CREATE TABLE payments (
        transaction_id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'refused'))
      );
      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        status TEXT NOT NULL CHECK (status IN ('refunding', 'refunded')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX refunds_by_order ON refunds (order_id, created_at);
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        order_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX outbox_by_time ON outbox (at, id);
    `,
  },
  {
    version: 3,
    name: 'points accounts, lots, ledger; outbox cursors',
    sql: `
      CREATE TABLE points_accounts (
        member_id TEXT PRIMARY KEY,
        available INTEGER NOT NULL CHECK (available >= 0),
        pending INTEGER NOT NULL CHECK (pending >= 0),
        debt INTEGER NOT NULL CHECK (debt >= 0),
        last_checkin_day TEXT,
        streak INTEGER NOT NULL CHECK (streak >= 0),
        version INTEGER NOT NULL
      );
      CREATE TABLE points_lots (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        source TEXT NOT NULL,
        ref TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount >= 0),
        remaining INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
        granted_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'available', 'void'))
      );
      CREATE INDEX points_lots_by_member ON points_lots (member_id, status);
      CREATE INDEX points_lots_expiring ON points_lots (status, expires_at) WHERE remaining > 0;
      CREATE TABLE points_ledger (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        ref TEXT NOT NULL,
        delta INTEGER NOT NULL,
        at INTEGER NOT NULL,
        note TEXT NOT NULL
      );
      CREATE INDEX points_ledger_by_member ON points_ledger (member_id, at DESC, id);
      CREATE TABLE points_keys (key TEXT PRIMARY KEY);
      CREATE TABLE consumer_cursors (name TEXT PRIMARY KEY, at INTEGER NOT NULL);
    `,
  },
  {
    version: 4,
    name: 'growth, tier status, tier changes, post reward cap, settings',
    sql: `
      CREATE TABLE growth_entries (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        amount INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('purchase', 'checkin', 'post')),
        at INTEGER NOT NULL
      );
      CREATE INDEX growth_by_member ON growth_entries (member_id, at);
      CREATE TABLE tier_status (
        member_id TEXT PRIMARY KEY REFERENCES members(id),
        tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 5),
        attained_at INTEGER NOT NULL,
        keep_until INTEGER NOT NULL
      );
      CREATE INDEX tier_status_due ON tier_status (keep_until, member_id);
      CREATE TABLE tier_changes (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        from_tier INTEGER NOT NULL,
        to_tier INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('upgrade', 'review')),
        growth INTEGER NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX tier_changes_by_member ON tier_changes (member_id, at);
      ALTER TABLE points_accounts ADD COLUMN post_reward_day TEXT;
      ALTER TABLE points_accounts ADD COLUMN post_rewards_today INTEGER NOT NULL DEFAULT 0 CHECK (post_rewards_today >= 0);
      CREATE TABLE settings (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'member birthdays',
    sql: `
      CREATE TABLE member_birthdays (
        member_id TEXT PRIMARY KEY REFERENCES members(id),
        birthday TEXT NOT NULL CHECK (birthday GLOB '[0-1][0-9]-[0-3][0-9]')
      );
      CREATE INDEX member_birthdays_by_day ON member_birthdays (birthday, member_id);
    `,
  },
  {
    version: 6,
    name: 'redemption mall',
    sql: `
      CREATE TABLE redeem_items (
        id TEXT PRIMARY KEY,
        stock INTEGER NOT NULL CHECK (stock >= 0),
        sort INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE TABLE redemptions (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        item_id TEXT NOT NULL REFERENCES redeem_items(id),
        status TEXT NOT NULL CHECK (status IN ('placed', 'fulfilled', 'cancelled')),
        created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX redemptions_by_member_item ON redemptions (member_id, item_id, created_at);
      CREATE INDEX redemptions_by_member ON redemptions (member_id, created_at DESC, id);
    `,
  },
  {
    version: 7,
    name: 'after-sale flag on orders',
    sql: `
      ALTER TABLE orders ADD COLUMN after_sale INTEGER NOT NULL DEFAULT 0 CHECK (after_sale IN (0, 1));
      UPDATE orders SET after_sale = 1
        WHERE EXISTS (SELECT 1 FROM json_each(doc, '$.lines') WHERE json_extract(value, '$.status') != 'normal');
      CREATE INDEX orders_after_sale ON orders (member_id, after_sale, created_at DESC);
    `,
  },
  {
    version: 8,
    name: 'distribution: distributors, bindings, commission lines and accounts, withdrawals',
    sql: `
      CREATE TABLE distributors (
        member_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'frozen')),
        applied_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX distributors_by_status ON distributors (status, applied_at DESC, member_id);
      CREATE TABLE buyer_bindings (
        buyer_id TEXT PRIMARY KEY,
        distributor_id TEXT NOT NULL,
        bound_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE commission_lines (
        id TEXT PRIMARY KEY,
        distributor_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'frozen', 'available', 'void')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        created_at INTEGER NOT NULL,
        available_at INTEGER,
        doc TEXT NOT NULL
      );
      CREATE INDEX commission_lines_by_distributor ON commission_lines (distributor_id, created_at DESC, id);
      CREATE INDEX commission_lines_by_status ON commission_lines (distributor_id, status, created_at DESC, id);
      CREATE INDEX commission_lines_by_order ON commission_lines (order_id);
      CREATE INDEX commission_lines_due ON commission_lines (status, available_at, id);
      CREATE TABLE commission_accounts (
        distributor_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        available INTEGER NOT NULL CHECK (available >= 0),
        processing INTEGER NOT NULL CHECK (processing >= 0),
        debt INTEGER NOT NULL CHECK (debt >= 0),
        doc TEXT NOT NULL
      );
      CREATE TABLE commission_entries (
        id TEXT PRIMARY KEY,
        distributor_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        delta INTEGER NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX commission_entries_by_distributor ON commission_entries (distributor_id, at, id);
      CREATE TABLE withdrawals (
        id TEXT PRIMARY KEY,
        distributor_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('processing', 'paid', 'failed')),
        created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX withdrawals_by_distributor ON withdrawals (distributor_id, created_at DESC, id);
    `,
  },
  {
    version: 9,
    name: 'withdrawals by status, for resending',
    sql: `CREATE INDEX withdrawals_by_status ON withdrawals (status, created_at, id);`,
  },
  {
    version: 10,
    name: 'group-buy: campaigns, teams and their seats; message opt-ins and outbox',
    sql: `
      CREATE TABLE groupbuys (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE groupbuy_seats_taken (campaign_id TEXT PRIMARY KEY, taken INTEGER NOT NULL CHECK (taken >= 0));
      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('opening', 'forming', 'succeeded', 'failed', 'cancelled')),
        places INTEGER NOT NULL,
        opened_at INTEGER NOT NULL,
        expires_at INTEGER,
        awaiting_refund INTEGER NOT NULL CHECK (awaiting_refund IN (0, 1)),
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX teams_by_campaign ON teams (campaign_id, status, places DESC, opened_at, id);
      CREATE INDEX teams_due ON teams (status, expires_at, id);
      CREATE INDEX teams_awaiting_refund ON teams (awaiting_refund, id);
      CREATE TABLE team_seats (
        team_id TEXT NOT NULL REFERENCES teams(id),
        order_id TEXT NOT NULL,
        campaign_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        status TEXT NOT NULL,
        held_until INTEGER NOT NULL,
        opened_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, order_id)
      );
      CREATE INDEX team_seats_by_member ON team_seats (member_id, campaign_id, status);
      CREATE INDEX team_seats_by_member_time ON team_seats (member_id, opened_at DESC, team_id);
      CREATE TABLE message_optins (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, topic TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX message_optins_by_topic ON message_optins (topic, at);
      CREATE TABLE message_outbox (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, at INTEGER NOT NULL, sent_at INTEGER, doc TEXT NOT NULL);
      CREATE INDEX message_outbox_by_time ON message_outbox (at DESC, id);
    `,
  },
  {
    version: 11,
    name: "campaign documents and the operators' audit log",
    sql: `
      CREATE TABLE campaigns (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE audit_log (id TEXT PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX audit_log_by_time ON audit_log (at DESC, id);
    `,
  },
  {
    version: 12,
    name: 'member posts: review fields and queues',
    sql: `
      ALTER TABLE posts ADD COLUMN reviewed_at INTEGER;
      ALTER TABLE posts ADD COLUMN reject_reason TEXT;
      CREATE INDEX posts_by_author ON posts (author_id, created_at DESC, id);
      CREATE INDEX posts_by_status ON posts (status, kind, created_at, id);
    `,
  },
  {
    version: 13,
    name: 'member tags (segments) and preferences',
    sql: `
      CREATE TABLE member_tags (member_id TEXT PRIMARY KEY, tags TEXT NOT NULL, computed_at INTEGER NOT NULL);
      CREATE TABLE member_preferences (member_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE INDEX touchpoints_by_member ON touchpoints (member_id, at DESC);
    `,
  },
  {
    version: 14,
    name: 'flash price allotments and new-member offer claims',
    sql: `
      CREATE TABLE flash_sold (campaign_id TEXT PRIMARY KEY, sold INTEGER NOT NULL CHECK (sold >= 0));
      CREATE TABLE offer_claims (campaign_id TEXT NOT NULL, member_id TEXT NOT NULL, order_id TEXT NOT NULL, PRIMARY KEY (campaign_id, member_id));
    `,
  },
  {
    version: 15,
    name: 'refunds by status, for resending',
    sql: `CREATE INDEX refunds_waiting ON refunds (status, created_at, id);`,
  },
  {
    version: 16,
    name: 'after-sale cases: review and return statuses, and when each status began',
    sql: `
      CREATE TABLE refunds_v16 (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        status TEXT NOT NULL CHECK (status IN ('reviewing', 'returning', 'returned', 'refunding', 'refunded', 'rejected', 'cancelled')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        created_at INTEGER NOT NULL,
        stage_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      INSERT INTO refunds_v16 (id, order_id, status, amount, created_at, stage_at, doc)
        SELECT id, order_id, status, amount, created_at, created_at, doc FROM refunds;
      DROP TABLE refunds;
      ALTER TABLE refunds_v16 RENAME TO refunds;
      CREATE INDEX refunds_by_order ON refunds (order_id, created_at);
      CREATE INDEX refunds_waiting ON refunds (status, created_at, id);
      CREATE INDEX refunds_by_stage ON refunds (status, stage_at, id);
    `,
  },
  {
    version: 17,
    name: 'readable order numbers, and staff search by the last four digits of the phone',
    sql: `
      ALTER TABLE orders ADD COLUMN order_no TEXT;
      CREATE UNIQUE INDEX orders_by_no ON orders (order_no);
      CREATE INDEX orders_by_phone_tail ON orders (substr(json_extract(doc, '$.address.phone'), -4), created_at);
    `,
  },
  {
    version: 18,
    name: 'purchase limits: each member’s units of a limited product in orders not cancelled',
    sql: `
      CREATE TABLE purchase_counts (
        member_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        units INTEGER NOT NULL CHECK (units >= 0),
        PRIMARY KEY (member_id, product_id)
      );
      ALTER TABLE products ADD COLUMN limits TEXT;
    `,
  },
  {
    version: 19,
    name: 'stock adjustments by staff, once per request',
    sql: `
      CREATE TABLE stock_adjustments (id TEXT PRIMARY KEY, sku_id TEXT NOT NULL, at INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX stock_adjustments_by_sku ON stock_adjustments (sku_id, at);
    `,
  },
  {
    version: 20,
    name: 'products sold without member prices',
    sql: `ALTER TABLE products ADD COLUMN member_prices INTEGER;`,
  },
  {
    version: 21,
    name: 'a cost floor per SKU',
    sql: `ALTER TABLE skus ADD COLUMN floor_price INTEGER CHECK (floor_price IS NULL OR floor_price BETWEEN 0 AND price);`,
  },
  {
    version: 22,
    name: 'where timer jobs that walk a range got to',
    sql: `CREATE TABLE job_cursors (job TEXT PRIMARY KEY, version INTEGER NOT NULL, position TEXT NOT NULL);`,
  },
  {
    version: 23,
    name: 'WeChat Pay notifications already handled, by receipt',
    sql: `CREATE TABLE handled_notices (receipt TEXT PRIMARY KEY, at INTEGER NOT NULL);`,
  },
  {
    version: 24,
    name: 'address books: each member’s saved delivery addresses, at most 20, written whole by version',
    sql: `
      CREATE TABLE address_books (
        member_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version > 0),
        entries TEXT NOT NULL CHECK (json_valid(entries) AND json_type(entries) = 'array' AND json_array_length(entries) <= 20)
      );
    `,
  },
  {
    version: 25,
    name: 'likes and favourites as records, each post counting its own',
    // The likes figures stored so far were not anybody's likes: every count starts again from the records.
    sql: `
      CREATE TABLE post_likes (
        post_id TEXT NOT NULL REFERENCES posts (id),
        member_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (post_id, member_id)
      );
      CREATE INDEX post_likes_by_member ON post_likes (member_id, at);
      CREATE TABLE post_favourites (
        post_id TEXT NOT NULL REFERENCES posts (id),
        member_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (post_id, member_id)
      );
      CREATE INDEX post_favourites_by_member ON post_favourites (member_id, at DESC, post_id);
      ALTER TABLE posts ADD COLUMN favourites INTEGER NOT NULL DEFAULT 0 CHECK (favourites >= 0);
      UPDATE posts SET likes = 0;
    `,
  },
  {
    version: 26,
    name: 'live points lots by member, for the expiry job to walk members in order',
    sql: `CREATE INDEX points_lots_live_by_member ON points_lots (member_id, expires_at) WHERE status = 'available' AND remaining > 0;`,
  },
  {
    version: 27,
    name: 'topics on posts, 打卡 challenges and their completions',
    sql: `
      CREATE TABLE topics (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL
      );
      ALTER TABLE posts ADD COLUMN topic_ids TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE post_topics (
        topic_id TEXT NOT NULL,
        post_id TEXT NOT NULL REFERENCES posts (id),
        PRIMARY KEY (topic_id, post_id)
      );
      CREATE INDEX post_topics_by_post ON post_topics (post_id);
      CREATE TABLE challenges (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE challenge_completions (
        challenge_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        points INTEGER NOT NULL CHECK (points >= 0),
        badge TEXT NOT NULL,
        PRIMARY KEY (challenge_id, member_id)
      );
      CREATE INDEX challenge_completions_by_member ON challenge_completions (member_id, at);
    `,
  },
  {
    version: 28,
    name: 'comments with one level of replies, their likes as records, and content security verdicts',
    sql: `
      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        post_id TEXT NOT NULL REFERENCES posts (id),
        author_id TEXT,
        parent_id TEXT REFERENCES comments (id),
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
        safety TEXT NOT NULL CHECK (safety IN ('pass', 'review', 'risky', 'pending')),
        state TEXT NOT NULL CHECK (state IN ('shown', 'hidden', 'deleted')),
        likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
        created_at INTEGER NOT NULL,
        day TEXT NOT NULL
      );
      CREATE INDEX comments_by_post ON comments (post_id, parent_id, created_at DESC);
      CREATE INDEX comments_by_author_day ON comments (author_id, day);
      CREATE INDEX comments_for_moderation ON comments (state, safety, created_at DESC);
      CREATE TABLE comment_likes (
        comment_id TEXT NOT NULL REFERENCES comments (id),
        member_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (comment_id, member_id)
      );
      CREATE INDEX comment_likes_by_member ON comment_likes (member_id);
    `,
  },
  {
    version: 29,
    name: 'product listings served by indexes, and a catalog version every product or SKU write moves',
    // The version is moved by the database itself, so a cached listing is dropped by any write to
    // the catalog, whichever code path or process (the ops tools) made it.
    sql: `
      CREATE INDEX products_on_sale_by_sales ON products (status, sales DESC, id);
      CREATE INDEX products_on_sale_by_category_sales ON products (status, category_id, sales DESC, id);
      CREATE INDEX products_on_sale_newest ON products (status, created_at DESC, id);
      CREATE INDEX products_on_sale_by_price ON products (status, min_price, id);
      CREATE INDEX products_on_sale_in_order ON products (status, sort, created_at DESC, id);
      CREATE INDEX products_on_sale_featured ON products (status, featured, sort, created_at DESC, id);
      CREATE TABLE catalog_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
      INSERT INTO catalog_version (id, version) VALUES (1, 0);
      CREATE TRIGGER catalog_product_added AFTER INSERT ON products BEGIN UPDATE catalog_version SET version = version + 1; END;
      CREATE TRIGGER catalog_product_changed AFTER UPDATE ON products BEGIN UPDATE catalog_version SET version = version + 1; END;
      CREATE TRIGGER catalog_product_removed AFTER DELETE ON products BEGIN UPDATE catalog_version SET version = version + 1; END;
      CREATE TRIGGER catalog_sku_added AFTER INSERT ON skus BEGIN UPDATE catalog_version SET version = version + 1; END;
      CREATE TRIGGER catalog_sku_changed AFTER UPDATE ON skus BEGIN UPDATE catalog_version SET version = version + 1; END;
      CREATE TRIGGER catalog_sku_removed AFTER DELETE ON skus BEGIN UPDATE catalog_version SET version = version + 1; END;
    `,
  },
  {
    version: 30,
    name: 'creators: follows with their counts, 达人 certifications, approved posts by author',
    // A follow's two counts move in the transaction that writes or deletes it, so each is the number of its records.
    sql: `
      CREATE TABLE member_follows (
        follower_id TEXT NOT NULL,
        creator_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (follower_id, creator_id),
        CHECK (follower_id <> creator_id)
      );
      CREATE INDEX member_follows_by_creator ON member_follows (creator_id);
      CREATE TABLE follow_counts (
        member_id TEXT PRIMARY KEY,
        followers INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),
        following INTEGER NOT NULL DEFAULT 0 CHECK (following >= 0)
      );
      CREATE TABLE creator_certifications (
        member_id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        certified_by TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX posts_approved_by_author ON posts (author_id, status, created_at DESC, id DESC);
    `,
  },
  {
    version: 31,
    name: 'the 推荐 feed ranked by a stored score, read by indexes from a cursor; post views once per viewer and day',
    // The newest-first index gains the id, so equal times need no sort; orders are counted per post
    // through their last touch for the score.
    sql: `
      ALTER TABLE posts ADD COLUMN feed_rank REAL NOT NULL DEFAULT 0;
      DROP INDEX posts_feed;
      CREATE INDEX posts_feed_ranked ON posts (status, feed_rank DESC, id DESC);
      CREATE INDEX posts_feed_newest ON posts (status, created_at DESC, id DESC);
      CREATE INDEX orders_by_post ON orders (json_extract(doc, '$.touch.postId')) WHERE json_extract(doc, '$.touch.postId') IS NOT NULL;
      CREATE TABLE post_views (
        post_id TEXT NOT NULL,
        viewer TEXT NOT NULL,
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (post_id, viewer, day)
      ) WITHOUT ROWID;
      CREATE INDEX post_views_by_time ON post_views (at, post_id);
    `,
    backfill: backfillFeedRanks,
  },
  {
    version: 32,
    name: 'images sent to WeChat content security and their asynchronous verdicts',
    sql: `
      CREATE TABLE image_checks (
        trace_id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        member_id TEXT NOT NULL,
        url TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('pending', 'pass', 'review', 'risky')),
        sent_at INTEGER NOT NULL,
        decided_at INTEGER,
        replaces TEXT,
        UNIQUE (subject, url)
      );
      CREATE INDEX image_checks_by_member ON image_checks (member_id);
    `,
  },
  {
    version: 33,
    name: 'commission lines indexed by status only while in flight; failed teams awaiting refunds by expiry',
    // The settlement pass reads frozen lines by due date (status = 'frozen' ORDER BY available_at, id),
    // the dashboard a distributor's lines in flight (status IN ('pending', 'frozen')), and a listing by
    // status one of those or a settled or void line (by distributor and date, the status checked on
    // the row). Settling a line now takes it out of both indexes and puts it nowhere. Likewise only
    // failed teams awaiting refunds are indexed as such, by id (the team-by-team timer) and by expiry
    // (the timer a slice at a time, in the order its orders were written, near enough, so a slice of
    // refunds touches neighbouring pages rather than pages all over the table).
    sql: `
      DROP INDEX commission_lines_due;
      CREATE INDEX commission_lines_due ON commission_lines (available_at, id) WHERE status = 'frozen';
      DROP INDEX commission_lines_by_status;
      CREATE INDEX commission_lines_in_flight ON commission_lines (distributor_id, status, created_at DESC, id) WHERE status IN ('pending', 'frozen');
      DROP INDEX teams_awaiting_refund;
      CREATE INDEX teams_awaiting_refund ON teams (id) WHERE awaiting_refund = 1;
      CREATE INDEX teams_awaiting_refund_by_expiry ON teams (expires_at, id) WHERE awaiting_refund = 1;
    `,
  },
  {
    version: 34,
    name: 'growth by member carries the amount',
    // A tier review and every change that earns growth sum a member's growth over the last year; a
    // member who checks in daily has a row a day there. With the amount in the index the sum reads
    // the index alone instead of a table row per entry.
    sql: `
      DROP INDEX growth_by_member;
      CREATE INDEX growth_by_member ON growth_entries (member_id, at, amount);
    `,
  },
  {
    version: 35,
    name: 'commission lines keep their document apart from what settling changes',
    // Settling changes a line's status and settledAt only. With the document in the same row, every
    // settled line rewrote ~450 bytes and a page of the log for every ~7 lines; the narrow row holds
    // those two fields, the order line id settlement looks for, and what the indexes need.
    sql: `
      CREATE TABLE commission_line_docs (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO commission_line_docs (id, doc) SELECT id, json_remove(doc, '$.status', '$.settledAt') FROM commission_lines;
      CREATE TABLE commission_line_rows (
        id TEXT PRIMARY KEY,
        distributor_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        order_line_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'frozen', 'available', 'void')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        created_at INTEGER NOT NULL,
        available_at INTEGER,
        settled_at INTEGER
      );
      INSERT INTO commission_line_rows (id, distributor_id, order_id, order_line_id, status, amount, created_at, available_at, settled_at)
        SELECT id, distributor_id, order_id, json_extract(doc, '$.orderLineId'), status, amount, created_at, available_at, json_extract(doc, '$.settledAt')
        FROM commission_lines;
      DROP TABLE commission_lines;
      ALTER TABLE commission_line_rows RENAME TO commission_lines;
      CREATE INDEX commission_lines_by_distributor ON commission_lines (distributor_id, created_at DESC, id);
      CREATE INDEX commission_lines_by_order ON commission_lines (order_id);
      CREATE INDEX commission_lines_due ON commission_lines (available_at, id) WHERE status = 'frozen';
      CREATE INDEX commission_lines_in_flight ON commission_lines (distributor_id, status, created_at DESC, id) WHERE status IN ('pending', 'frozen');
    `,
  },
  {
    version: 36,
    name: 'points keys and accounts stored by their key; lots indexed by member only while pending',
    // A table with a text primary key and a rowid is two trees, its rows in rowid order and the key's
    // index; without the rowid it is one. Every points change writes a key and an account, so each now
    // changes one page of the log instead of two. Check-in lots are available at once, and the live
    // lots already have their index by member: the index over every lot's member and status is kept
    // for pending lots only (what spent, void and available lots never needed).
    sql: `
      CREATE TABLE points_keys_by_key (key TEXT PRIMARY KEY) WITHOUT ROWID;
      INSERT INTO points_keys_by_key (key) SELECT key FROM points_keys;
      DROP TABLE points_keys;
      ALTER TABLE points_keys_by_key RENAME TO points_keys;
      CREATE TABLE points_accounts_by_member (
        member_id TEXT PRIMARY KEY,
        available INTEGER NOT NULL CHECK (available >= 0),
        pending INTEGER NOT NULL CHECK (pending >= 0),
        debt INTEGER NOT NULL CHECK (debt >= 0),
        last_checkin_day TEXT,
        streak INTEGER NOT NULL CHECK (streak >= 0),
        version INTEGER NOT NULL,
        post_reward_day TEXT,
        post_rewards_today INTEGER NOT NULL DEFAULT 0 CHECK (post_rewards_today >= 0)
      ) WITHOUT ROWID;
      INSERT INTO points_accounts_by_member (member_id, available, pending, debt, last_checkin_day, streak, version, post_reward_day, post_rewards_today)
        SELECT member_id, available, pending, debt, last_checkin_day, streak, version, post_reward_day, post_rewards_today FROM points_accounts;
      DROP TABLE points_accounts;
      ALTER TABLE points_accounts_by_member RENAME TO points_accounts;
      DROP INDEX points_lots_by_member;
      CREATE INDEX points_lots_pending_by_member ON points_lots (member_id) WHERE status = 'pending';
    `,
  },
]

/**
 * Applies every migration the database has not recorded, each in its own transaction. Versions are
 * matched one by one, not against the highest applied, so a version merged in after a later one was
 * applied still runs.
 */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)')
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version))
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      migration.backfill?.(db)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      )
    })()
  }
  return MIGRATIONS[MIGRATIONS.length - 1].version
}
