//! Charts drawn from the project data, as SVG: vector in the PDF, rasterised for the DOCX.

use std::fmt::Write;

use crate::html::esc;

/// A bar chart of counts per period (messages per month), with a labelled y axis and the
/// period labels under the bars (every n-th when there are many). Text uses the bundled sans.
pub fn bar_chart(bars: &[(String, u64)], y_title: &str) -> String {
    let (width, height) = (640.0_f64, 300.0_f64);
    let (left, right, top, bottom) = (56.0, 12.0, 16.0, 58.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let step = nice_step(max);
    let top_value = (max.div_ceil(step).max(1)) * step;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Noto Sans" font-size="11">"##
    );
    svg.push_str(r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    // Grid lines and y labels.
    let mut value = 0;
    while value <= top_value {
        let y = top + plot_h - plot_h * value as f64 / top_value as f64;
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y:.1}" x2="{x2}" y2="{y:.1}" stroke="#d5dbe4" stroke-width="{sw}"/><text x="{tx}" y="{ty:.1}" text-anchor="end" fill="#555">{value}</text>"##,
            x2 = width - right,
            sw = if value == 0 { 1.2 } else { 0.6 },
            tx = left - 6.0,
            ty = y + 4.0,
        );
        value += step;
    }
    let _ = write!(
        svg,
        r##"<text transform="translate(14 {cy:.1}) rotate(-90)" text-anchor="middle" fill="#555">{}</text>"##,
        esc(y_title),
        cy = top + plot_h / 2.0
    );
    let n = bars.len().max(1) as f64;
    let slot = plot_w / n;
    let bar_w = (slot * 0.7).min(36.0);
    let every = (bars.len() as f64 / 12.0).ceil().max(1.0) as usize;
    for (i, (label, count)) in bars.iter().enumerate() {
        let h = plot_h * *count as f64 / top_value as f64;
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let y = top + plot_h - h;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{h:.1}" fill="#2f6db5"/>"##
        );
        if *count > 0 && bar_w >= 18.0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="9" fill="#1d3f72">{count}</text>"##,
                x + bar_w / 2.0,
                y - 3.0
            );
        }
        if i % every == 0 {
            let cx = left + slot * (i as f64 + 0.5);
            let _ = write!(
                svg,
                r##"<text transform="translate({cx:.1} {ly:.1}) rotate(-40)" text-anchor="end" fill="#333">{}</text>"##,
                esc(label),
                ly = top + plot_h + 14.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// 1, 2 or 5 times a power of ten, so the axis has four to eight lines.
fn nice_step(max: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if max / (step * m) <= 6 {
                return step * m;
            }
        }
        step *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(30), 5);
        assert_eq!(nice_step(61), 10);
        assert_eq!(nice_step(75), 20);
        assert_eq!(nice_step(450), 100);
    }

    #[test]
    fn labels_are_escaped_and_every_bar_drawn() {
        let svg =
            bar_chart(&[("Jan <1>".into(), 3), ("Feb".into(), 0), ("Mar".into(), 12)], "Messages & replies");
        assert!(svg.contains("Jan &lt;1&gt;"));
        assert!(svg.contains("Messages &amp; replies"));
        assert_eq!(svg.matches("fill=\"#2f6db5\"").count(), 3);
    }
}
