//! Where the app is: a page and, on the sources page, the entry in view. Read from the
//! address (`?scenario=sources&entry=S5`, or the older `#lab` and `#sources/S5`) and
//! written back to it, so links round-trip and the back button works. A bad value falls back
//! to the sandbox, quietly.

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Sandbox,
    Replication,
    Lab,
    Evasion,
    Fingerprint,
    Sources,
}

impl Page {
    /// The pages in the navigation's order.
    pub const ALL: [Page; 6] = [
        Page::Sandbox,
        Page::Replication,
        Page::Lab,
        Page::Evasion,
        Page::Fingerprint,
        Page::Sources,
    ];

    /// The page's name in addresses.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::Replication => "replication",
            Self::Lab => "lab",
            Self::Evasion => "evasion",
            Self::Fingerprint => "fingerprint",
            Self::Sources => "sources",
        }
    }

    fn named(name: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// A page and the entry in view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// On the sources page: the entry to bring into view (`S5`, `s1-4`).
    pub target: Option<String>,
}

impl Route {
    pub fn page(page: Page) -> Route {
        Route { page, target: None }
    }

    /// The route an address names: the hash first, then `?scenario=`.
    pub fn parse(hash: &str, query: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (name, target) = hash.split_once('/').unwrap_or((hash, ""));
        if let Some(page) = Page::named(name) {
            let target = (page == Page::Sources && is_anchor(target)).then(|| target.to_string());
            return Route { page, target };
        }
        let value = |name: &str| {
            super::address::pairs(query)
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value)
        };
        let page = value("scenario")
            .and_then(Page::named)
            .unwrap_or(Page::Sandbox);
        let target = value("entry")
            .filter(|entry| page == Page::Sources && is_anchor(entry))
            .map(str::to_string);
        Route { page, target }
    }

    /// The hash that names this route.
    pub fn hash(&self) -> String {
        match &self.target {
            Some(target) => format!("#{}/{target}", self.page.name()),
            None => format!("#{}", self.page.name()),
        }
    }
}

/// An entry id as the sources file writes them: letters, digits and dashes, nothing else.
fn is_anchor(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 16
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_round_trip_and_bad_ones_fall_back() {
        for page in Page::ALL {
            let route = Route::page(page);
            assert_eq!(Route::parse(&route.hash(), ""), route);
        }
        let deep = Route::parse("#sources/s1-4", "");
        assert_eq!(deep.target.as_deref(), Some("s1-4"));
        assert_eq!(Route::parse(&deep.hash(), ""), deep);
        assert_eq!(
            Route::parse("", "?lang=en&scenario=replication"),
            Route::page(Page::Replication)
        );
        assert_eq!(
            Route::parse("", "?scenario=evasion&sample=protest-leaflet").page,
            Page::Evasion
        );
        assert_eq!(
            Route::parse("#lab", "?scenario=replication").page,
            Page::Lab,
            "the hash wins"
        );
        for bad in ["#nowhere", "#sources/<script>", "#", ""] {
            let route = Route::parse(bad, "?scenario=nope");
            assert!(
                route.page == Page::Sandbox || route.page == Page::Sources,
                "{bad}"
            );
            assert_eq!(route.target, None, "{bad}");
        }
    }
}
