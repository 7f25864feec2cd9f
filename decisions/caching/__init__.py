"""The page cache: anonymous visitors' public pages, API answers, feeds and PDFs kept whole in
the shared cache, dropped when any public record changes and when the clock changes what they
say. Imports models and rules; the middleware is its only entry point."""
