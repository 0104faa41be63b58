//! Small helpers every view uses: a legend chip, shortened one-line labels, counts with
//! thousands separators.

use egui::{Color32, Sense, Stroke, Ui};

/// A legend entry (swatch and label) as one widget, so that wrapping rows stay inside.
pub fn chip(ui: &mut Ui, label: &str, col: Color32, fill: bool) {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let text_col = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout_no_wrap(label.to_string(), font, text_col);
    let size = egui::vec2(15.0 + galley.size().x, galley.size().y.max(12.0));
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let sw = egui::Rect::from_min_size(
        rect.left_center() - egui::vec2(0.0, 6.0),
        egui::vec2(12.0, 12.0),
    );
    if fill {
        ui.painter().rect_filled(sw, 2.0, col.gamma_multiply(0.8));
    } else {
        ui.painter()
            .line_segment([sw.left_bottom(), sw.right_bottom()], Stroke::new(2.5, col));
    }
    ui.painter().galley(
        rect.left_top() + egui::vec2(15.0, (size.y - galley.size().y) / 2.0),
        galley,
        text_col,
    );
}

/// A count with thousands separators: 100,000.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Shortens text to `n` characters with an ellipsis, on one line.
pub fn shorten(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        format!(
            "{}…",
            one.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_labels() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
