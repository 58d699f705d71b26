"""The replica of the site that the tests and the demo crawl."""
