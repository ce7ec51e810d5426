-- Popup mode of the IO redirect: the origin of the partner page that opened the link in a popup. The
-- callback's result page posts the redirect's query to window.opener with exactly this target origin.
-- Null for links that redirect (or show the result page) as before.
ALTER TABLE links ADD COLUMN popup_origin text;
