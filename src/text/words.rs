//! Where Chinese and Japanese words end, found with ICU4X's dictionary
//! segmenter: a title may break only there ("伏案工作 / 引起的脖子痛", never
//! "伏案工作引 / 起的脖子痛"), while body text breaks between any two
//! characters.
//!
//! Only the Chinese-Japanese dictionary is linked: the segmenter's data
//! comes through [`ChineseJapanese`], which has no dictionaries for Thai,
//! Lao, Khmer or Burmese, so the linker leaves their 3 MB of data out.

use icu_provider::prelude::*;
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakOptions;
use icu_segmenter::provider::{
    Baked, SegmenterBreakGraphemeClusterV1, SegmenterBreakWordOverrideV1, SegmenterBreakWordV1,
    SegmenterDictionaryAutoV2, SegmenterDictionaryExtendedV2,
};

/// ICU4X's compiled data, less the dictionaries of Southeast Asian scripts.
struct ChineseJapanese;

/// Data ChineseJapanese passes on from the compiled data unchanged.
macro_rules! from_baked {
    ($($marker:ty),*) => {$(
        impl DataProvider<$marker> for ChineseJapanese {
            fn load(&self, req: DataRequest) -> Result<DataResponse<$marker>, DataError> {
                Baked.load(req)
            }
        }
    )*};
}

from_baked!(
    SegmenterBreakWordV1,
    SegmenterBreakWordOverrideV1,
    SegmenterBreakGraphemeClusterV1,
    SegmenterDictionaryAutoV2
);

impl DataProvider<SegmenterDictionaryExtendedV2> for ChineseJapanese {
    /// None: the segmenter then leaves words of those scripts unsplit.
    fn load(
        &self,
        req: DataRequest,
    ) -> Result<DataResponse<SegmenterDictionaryExtendedV2>, DataError> {
        Err(DataErrorKind::IdentifierNotFound.with_req(SegmenterDictionaryExtendedV2::INFO, req))
    }
}

/// The byte offsets in `text` where a word begins or ends (0 and
/// `text.len()` included); every character boundary when the data cannot be
/// read, which leaves breaking as it was.
pub fn boundaries(text: &str) -> Vec<usize> {
    match WordSegmenter::try_new_dictionary_unstable(&ChineseJapanese, WordBreakOptions::default())
    {
        Ok(segmenter) => segmenter.as_borrowed().segment_str(text).collect(),
        Err(_) => text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::boundaries;

    fn words(text: &str) -> Vec<&str> {
        let at = boundaries(text);
        at.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn chinese_and_japanese_are_split_into_dictionary_words() {
        // "Neck pain caused by desk work": 引起 ("to cause") and 脖子
        // ("neck") are words, and no boundary falls inside them.
        let title = "伏案工作引起的脖子痛";
        let at = boundaries(title);
        assert!(!at.contains(&"伏案工作引".len()), "{:?}", words(title));
        assert!(
            !at.contains(&"伏案工作引起的脖".len()),
            "{:?}",
            words(title)
        );
        assert!(words(title).len() >= 3, "{:?}", words(title));
        assert_eq!(words("こんにちは世界"), ["こんにちは", "世界"]);
        assert_eq!(words("Neck pain"), ["Neck", " ", "pain"]);
    }
}
