//! The names of common languages in themselves, for the language switcher when neither
//! `keel.yaml` (`name:`) nor the language's `language-name` string gives one. Keyed by the base
//! language subtag: `pt-BR` and `pt-PT` are both "Português".

/// (base language subtag, autonym), sorted by subtag.
const AUTONYMS: &[(&str, &str)] = &[
    ("af", "Afrikaans"),
    ("am", "አማርኛ"),
    ("ar", "العربية"),
    ("az", "Azərbaycanca"),
    ("be", "Беларуская"),
    ("bg", "Български"),
    ("bn", "বাংলা"),
    ("bs", "Bosanski"),
    ("ca", "Català"),
    ("cs", "Čeština"),
    ("cy", "Cymraeg"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("et", "Eesti"),
    ("eu", "Euskara"),
    ("fa", "فارسی"),
    ("fi", "Suomi"),
    ("fil", "Filipino"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("gl", "Galego"),
    ("gu", "ગુજરાતી"),
    ("ha", "Hausa"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hr", "Hrvatski"),
    ("hu", "Magyar"),
    ("hy", "Հայերեն"),
    ("id", "Bahasa Indonesia"),
    ("is", "Íslenska"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ka", "ქართული"),
    ("kk", "Қазақ тілі"),
    ("km", "ខ្មែរ"),
    ("ko", "한국어"),
    ("ku", "Kurdî"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("mk", "Македонски"),
    ("ml", "മലയാളം"),
    ("mn", "Монгол"),
    ("mr", "मराठी"),
    ("ms", "Bahasa Melayu"),
    ("my", "မြန်မာ"),
    ("nb", "Norsk bokmål"),
    ("ne", "नेपाली"),
    ("nl", "Nederlands"),
    ("nn", "Norsk nynorsk"),
    ("no", "Norsk"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pl", "Polski"),
    ("ps", "پښتو"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("so", "Soomaali"),
    ("sq", "Shqip"),
    ("sr", "Српски"),
    ("sv", "Svenska"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("te", "తెలుగు"),
    ("th", "ไทย"),
    ("ti", "ትግርኛ"),
    ("tl", "Tagalog"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("uz", "Oʻzbekcha"),
    ("vi", "Tiếng Việt"),
    ("yi", "ייִדיש"),
    ("yo", "Yorùbá"),
    ("zh", "中文"),
    ("zu", "isiZulu"),
];

/// The name of the language `base` (a base language subtag such as `ar`) in itself, if known.
pub fn autonym(base: &str) -> Option<&'static str> {
    AUTONYMS
        .binary_search_by(|(code, _)| (*code).cmp(base))
        .ok()
        .map(|i| AUTONYMS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_has_no_duplicates() {
        assert!(AUTONYMS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn common_languages_are_known() {
        assert_eq!(autonym("ar"), Some("العربية"));
        assert_eq!(autonym("de"), Some("Deutsch"));
        assert_eq!(autonym("zh"), Some("中文"));
        assert_eq!(autonym("fil"), Some("Filipino"));
        assert_eq!(autonym("xx"), None);
    }
}
