//! Markdown to HTML for previews in the window: CommonMark with tables, footnotes and
//! strikethrough. Nothing in the result can run, load or navigate: raw HTML is shown as text,
//! links become labelled spans (the address in a tooltip), images their alternative text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn render_markdown(text: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(text, options).map(|event| match event {
        // Raw HTML is shown, never interpreted.
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        Event::Start(Tag::Link { dest_url, .. }) => {
            Event::InlineHtml(format!("<span class=\"md-link\" title=\"{}\">", escape(&dest_url)).into())
        }
        Event::End(TagEnd::Link) => Event::InlineHtml("</span>".into()),
        Event::Start(Tag::Image { .. }) => Event::InlineHtml("<span class=\"md-image\">[image: ".into()),
        Event::End(TagEnd::Image) => Event::InlineHtml("]</span>".into()),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_tables() {
        let html = render_markdown("## 1. Welcome\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h2>1. Welcome</h2>"), "{html}");
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn nothing_can_run_load_or_navigate() {
        let html = render_markdown(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> [site](https://example.org \"t\") ![logo](https://example.org/x.png)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(html.contains("<span class=\"md-link\" title=\"https://example.org\">site</span>"), "{html}");
        assert!(html.contains("[image: logo]"), "{html}");
        let quote = render_markdown("[x](https://e.org/\"onmouseover=\"y)");
        assert!(!quote.contains("\"onmouseover"), "{quote}");
    }
}
