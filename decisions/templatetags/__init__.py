"""council_format: the template filters, over decisions.web.formatting and the rules, so that
pages print dates, money and paragraphs as the PDFs do."""
