-- A portscraper archive of schema version 1 (as written by the first release), for the
-- migration tests. Made by dumping such an archive with sqlite3 iterdump.
PRAGMA user_version = 1;
BEGIN TRANSACTION;
CREATE TABLE "article_urls" (
   "url" TEXT PRIMARY KEY,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "first_seen" TEXT,
   "last_seen" TEXT
);
INSERT INTO "article_urls" VALUES('http://www.mmport.com.cn/more.asp?id=3246',1,'2026-11-24T19:00:14+00:00','2026-11-24T19:00:14+00:00');
CREATE TABLE "articles" (
   "id" INTEGER PRIMARY KEY,
   "url" TEXT,
   "site" TEXT,
   "section" TEXT,
   "breadcrumb" TEXT,
   "kicker" TEXT,
   "title" TEXT,
   "subtitle" TEXT,
   "published" TEXT,
   "byline" TEXT,
   "credits" TEXT,
   "body" TEXT,
   "body_html" TEXT,
   "images" TEXT,
   "attachments" TEXT,
   "language" TEXT,
   "content_sha256" TEXT,
   "body_key" TEXT,
   "first_seen" TEXT,
   "last_seen" TEXT,
   "updated_at" TEXT,
   "snapshot_id" INTEGER REFERENCES "snapshots"("id"),
   "removed_at" TEXT,
   "removed_status" INTEGER
);
INSERT INTO "articles" VALUES(1,'http://www.mmport.com.cn/more.asp?id=3246','maoming','集团新闻','["首页", "新闻中心", "集团新闻"]','','集团召开安全生产工作会议','','2024-01-18','吴超','{}','1月17日，集团召开安全生产工作会议。',NULL,'[]','[]','zh-Hans','9c71b0c8bef2cbc176ae6f42512209413bd58638aa82b5eaf98a22feed765aef','44a69ea21d198a195391c8ca4eb76ea062a93da3440f7d7e8ac7e0cadbd5a354','2026-11-24T19:00:14+00:00','2026-11-24T19:00:14+00:00','2026-11-24T19:00:14+00:00',1,NULL,NULL);
CREATE TABLE "crawls" (
   "id" INTEGER PRIMARY KEY,
   "spider" TEXT,
   "started_at" TEXT,
   "finished_at" TEXT,
   "arguments" TEXT,
   "finish_reason" TEXT,
   "pages_fetched" INTEGER,
   "articles_new" INTEGER,
   "articles_updated" INTEGER,
   "articles_unchanged" INTEGER,
   "articles_merged" INTEGER,
   "failures" INTEGER
);
INSERT INTO "crawls" VALUES(1,'maoming','2026-11-24T19:00:14+00:00','2026-11-24T19:00:14+00:00','{"base_url": "http://www.mmport.com.cn/"}','finished',NULL,1,NULL,NULL,NULL,1);
CREATE TABLE "failures" (
   "id" INTEGER PRIMARY KEY,
   "url" TEXT,
   "status" INTEGER,
   "error" TEXT,
   "reason" TEXT,
   "referer" TEXT,
   "at" TEXT,
   "crawl_id" INTEGER REFERENCES "crawls"("id")
);
INSERT INTO "failures" VALUES(1,'http://www.mmport.com.cn/more.asp?id=1499',404,'','HTTP 404 Not Found','','2026-11-24T19:00:14+00:00',1);
CREATE TABLE "revisions" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "kicker" TEXT,
   "title" TEXT,
   "subtitle" TEXT,
   "published" TEXT,
   "byline" TEXT,
   "credits" TEXT,
   "body" TEXT,
   "images" TEXT,
   "attachments" TEXT,
   "content_sha256" TEXT,
   "snapshot_id" INTEGER REFERENCES "snapshots"("id"),
   "replaced_at" TEXT
);
CREATE TABLE "snapshots" (
   "id" INTEGER PRIMARY KEY,
   "url" TEXT,
   "fetched_at" TEXT,
   "status" INTEGER,
   "headers" TEXT,
   "encoding" TEXT,
   "sha256" TEXT,
   "stable_sha256" TEXT,
   "size" INTEGER,
   "compression" TEXT,
   "content" BLOB,
   "crawl_id" INTEGER REFERENCES "crawls"("id")
);
INSERT INTO "snapshots" VALUES(1,'http://www.mmport.com.cn/more.asp?id=3246','2026-11-24T19:00:14+00:00',200,'{"Server": "IIS"}','gb18030','373fac9eb2d2f309aa449d3ae275c0bd1e8f795013a5ab8ddf995d968ef2211d','c0204962992e9e879f1cb2141c1837cb2adb452c62a466bd4831d6b5cb337924',59,'zlib',X'78DAB3C928C9CDB1B349CA4FA9B4B3C930B4DBB3FEECD1AB37F7AFDAB0E9C4EA93BF36FDDAB9E4FAF7DD0F2FBDB4D1074ADAE843D4E9833501009CE21E3C',1);
CREATE UNIQUE INDEX "idx_snapshots_sha256"
    ON "snapshots" ("sha256");
CREATE INDEX "idx_snapshots_url_id"
    ON "snapshots" ("url", "id");
CREATE INDEX "idx_articles_body_key"
    ON "articles" ("body_key");
CREATE INDEX "idx_articles_published"
    ON "articles" ("published");
CREATE INDEX "idx_article_urls_article_id"
    ON "article_urls" ("article_id");
CREATE INDEX "idx_revisions_article_id"
    ON "revisions" ("article_id");
CREATE INDEX "idx_failures_crawl_id"
    ON "failures" ("crawl_id");
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body);
INSERT INTO articles_fts(rowid, title, body) SELECT id, title, body FROM articles;
COMMIT;
