//! How the app presents itself: full page, or embedded in an article's iframe, and in which
//! colour theme. Read from the address (`?embed=1&theme=dark`), so a host page chooses both
//! in its iframe's `src`; a bad value falls back quietly.
//!
//! An embedded app reports its height to the host page, which resizes the iframe: in the
//! three protocols article platforms already listen for, so that no host needs our script.
//! The messages are built here and tested natively; the page only posts them.
//!
//! - Datawrapper: `{"datawrapper-height": {"<id>": <px>}}`, the id naming the frame.
//! - AMP (`amp-iframe`): `{"sentinel": "amp", "type": "embed-size", "height": <px>}`.
//! - pym.js: the string `pymxPYMx<id>xPYMxheightxPYMx<px>`, where the id is the `childId`
//!   that pym's parent puts in the iframe's address.

use serde_json::json;

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// The reader's system setting.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Full page or embed, the theme, and how the host knows this frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Display {
    pub embed: bool,
    pub theme: Theme,
    /// The frame's name in height messages: pym's `childId`, else `id`, else "hashwall".
    pub frame_id: String,
}

/// The longest frame id kept: ids come from the address, so they are bounded and plain.
const MAX_ID: usize = 64;

impl Display {
    /// The display an address's query (`?embed=1&theme=dark&id=fig3`) asks for.
    pub fn parse(query: &str) -> Display {
        let mut display = Display {
            frame_id: "hashwall".into(),
            ..Display::default()
        };
        let mut child_id = None;
        for (key, value) in query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
        {
            match key {
                "embed" => display.embed = matches!(value, "1" | "true" | "yes"),
                "theme" => display.theme = Theme::named(value).unwrap_or_default(),
                "childId" if is_plain_id(value) => child_id = Some(value.to_string()),
                "id" if is_plain_id(value) => display.frame_id = value.to_string(),
                _ => {}
            }
        }
        if let Some(id) = child_id {
            // pym's parent names its child this way: it is the id the parent listens for.
            display.frame_id = id;
            display.embed = true;
        }
        display
    }
}

/// Letters, digits, `-` and `_`: ids end up in messages another page parses.
fn is_plain_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A message for the host page: a JSON object, or pym's string.
#[derive(Clone, Debug, PartialEq)]
pub enum HeightMessage {
    Json(serde_json::Value),
    Text(String),
}

/// The messages that tell a host this frame's content is `height` CSS pixels tall.
pub fn height_messages(height: u32, frame_id: &str) -> [HeightMessage; 3] {
    [
        HeightMessage::Json(json!({ "datawrapper-height": { frame_id: height } })),
        HeightMessage::Json(json!({ "sentinel": "amp", "type": "embed-size", "height": height })),
        HeightMessage::Text(format!("pymxPYMx{frame_id}xPYMxheightxPYMx{height}")),
    ]
}

/// The HTML an article pastes to embed `link` (an address with `embed=1`): the frame, and a
/// line of script that fits the frame to the height it reports (Datawrapper's message, from
/// that frame only). Hosts that already listen for Datawrapper, AMP or pym need only the frame.
pub fn snippet(link: &str, frame_id: &str, title: &str) -> String {
    let attr = |text: &str| {
        text.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    format!(
        "<iframe id=\"{id}\" title=\"{title}\" src=\"{src}\" style=\"width: 100%; height: 640px; border: 0\" loading=\"lazy\"></iframe>\n\
         <script>addEventListener(\"message\", function (e) {{ var f = document.getElementById(\"{id}\"), h = e.data && e.data[\"datawrapper-height\"]; \
         if (f && h && e.source === f.contentWindow && h[\"{id}\"] > 0) f.style.height = h[\"{id}\"] + \"px\"; }});</script>",
        id = attr(frame_id),
        title = attr(title),
        src = attr(link),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_chooses_embed_theme_and_id() {
        let d = Display::parse("?scenario=replication&embed=1&theme=dark&id=fig-3");
        assert!(d.embed);
        assert_eq!(d.theme, Theme::Dark);
        assert_eq!(d.frame_id, "fig-3");
        assert_eq!(Display::parse("").frame_id, "hashwall");
        assert!(!Display::parse("?embed=0").embed);
        // pym adds its parameters; its childId names the frame and means embedded.
        let d = Display::parse("?initialWidth=600&childId=hashwall-demo&parentTitle=x&parentUrl=y");
        assert!(d.embed);
        assert_eq!(d.frame_id, "hashwall-demo");
    }

    #[test]
    fn bad_values_fall_back_quietly() {
        let d = Display::parse("?embed=maybe&theme=purple&id=<script>&childId=");
        assert_eq!(
            d,
            Display {
                embed: false,
                theme: Theme::Auto,
                frame_id: "hashwall".into()
            }
        );
        assert_eq!(
            Display::parse(&format!("?id={}", "a".repeat(65))).frame_id,
            "hashwall"
        );
        for theme in [Theme::Auto, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::named(theme.name()), Some(theme));
        }
    }

    #[test]
    fn the_snippet_frames_the_link_and_fits_its_height() {
        let link = "https://example.org/hashwall/?scenario=replication&embed=1";
        let s = snippet(link, "hashwall", "hashwall: \"We Chat\" <demo>");
        assert!(s.starts_with("<iframe id=\"hashwall\""));
        assert!(
            s.contains("src=\"https://example.org/hashwall/?scenario=replication&amp;embed=1\"")
        );
        assert!(s.contains("title=\"hashwall: &quot;We Chat&quot; &lt;demo>\""));
        assert!(
            s.contains("e.source === f.contentWindow"),
            "only its own frame resizes it"
        );
        assert!(s.contains("datawrapper-height"));
        assert_eq!(s.matches("<script>").count(), 1);
    }

    #[test]
    fn heights_speak_datawrapper_amp_and_pym() {
        let [dw, amp, pym] = height_messages(812, "fig-3");
        assert_eq!(
            dw,
            HeightMessage::Json(
                serde_json::from_str(r#"{"datawrapper-height":{"fig-3":812}}"#).unwrap()
            )
        );
        assert_eq!(
            amp,
            HeightMessage::Json(
                serde_json::from_str(r#"{"sentinel":"amp","type":"embed-size","height":812}"#)
                    .unwrap()
            )
        );
        assert_eq!(
            pym,
            HeightMessage::Text("pymxPYMxfig-3xPYMxheightxPYMx812".into())
        );
    }
}
