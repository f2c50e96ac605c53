"""Attribution: who said what, citing whom (issue 6).

With a blank English model there is no tagger or parser, so the rules work on words, punctuation
and quote marks: a cue word from the lexicon (``resources/en/attribution/cues.json``), the noun
phrase before it as the source ("Reuters reported"), the clause after it as the content ("that
..."), or the inverted news order ("“...,” he said"; "..., according to X"). "X, citing Y, said"
gives two linked attributions, X's citing Y's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Attribution, Mention, SpanRef
from claimledger.nlp.attribution_lexicon import (
    SOURCE_TYPES,
    Cue,
    cue_forms,
    cues,
    source_types,
    words,
)
from claimledger.nlp.attribution_model import SpanTagger
from claimledger.nlp.attribution_model import cue_tagger as trained_cue_tagger
from claimledger.nlp.extensions import register_extensions
from claimledger.nlp.spans import records, sentence_bounds, set_span_group
from claimledger.resources import read_lines

# Words: initialisms ("U.S."), words with inner apostrophes or hyphens; else one symbol.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:[’'\-]\w+)*|''|``|\S")
# Quote marks, including the doubled apostrophes of some wire copy (''like this'').
OPEN_QUOTES = frozenset({"“", "«", '"', "''", "``", "‘"})
CLOSE_QUOTES = frozenset({"”", "»", '"', "''", "’"})
_QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "''": "''", "``": "''", "‘": "’"}
_CLAUSE_PUNCT = frozenset(",;:()[]—–")  # with em and en dashes
_END_PUNCT = frozenset(".!?")
_DASHES = frozenset({"—", "–", "-"})  # em, en and doubled hyphens ("--")
# Words that introduce content after a cue ("said that", "asked whether", "promised to").
_COMPLEMENTS = frozenset({"that", "whether", "if", "to", "how", "why", "what", "when", "where"})
_PREPOSITIONS = frozenset({"of", "in", "from", "at", "with", "for", "on", "by", "and", "to"})
# before a gerund cue whose speaker is the subject of the clause: "won by attacking his rivals"
_GERUND_PREPOSITIONS = frozenset({"by", "after", "before", "while"})
# open an adverbial clause after an inverted cue: "..., she said as the crowd booed."
_SUBORDINATORS = frozenset({"as", "while", "after", "before", "because", "since", "until"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it", "who"})
# Subjects taking a plural verb without a plural -s ("they say", "people want").
_PLURAL_SUBJECTS = frozenset(
    {"i", "we", "you", "they", "people", "police", "men", "women", "children", "who", "that"}
    | {"both", "few", "many", "several", "some", "most", "all", "data", "surveyed", "polled"}
    | {"percent", "%"}  # "61 percent say", "42% say"
    | {"third", "thirds", "half", "quarter", "quarters", "majority", "minority", "plurality"}
)
# Words opening a clause that follows a verb of thinking without "that" ("think the plan ...")
_CLAUSE_SUBJECTS = frozenset(
    {"he", "she", "they", "it", "we", "there", "the", "this", "these", "those", "his", "her"}
    | {"their", "its", "our", "some", "most", "many", "all", "no", "any", "every"}
)
# Quantifiers standing alone as a subject: "Some accused Trump of ...", "Several said they ..."
_QUANTIFIER_SUBJECTS = frozenset({"some", "many", "several", "others", "most", "few", "both"})
# Words that make no cue on their own (a learned cue of only these is a fragment).
_FUNCTION_WORDS = (
    _PREPOSITIONS
    | _BE
    | _DETERMINERS
    | _PRONOUNS
    | frozenset(
        {"about", "against", "over", "into", "have", "has", "had", "did", "do", "does", "not"}
    )
)
# Prepositions joining an attitude noun to the cue ("expressed concern about", "voiced support for")
_OBJECT_PREPOSITIONS = frozenset({"about", "for", "over", "with", "at"})
# Sentence adverbs between a subject and its verb ("Carter however said")
_SENTENCE_ADVERBS = frozenset({"however", "nevertheless", "nonetheless", "meanwhile", "instead"})
# Parentheticals between a source and its cue that are not part of the source.
_SKIPPED_ASIDES = frozenset({"citing", "quoting", "according", "referring"})
# Asides between a source and its cue that are adverbials ("The Kremlin, in a statement,
# denied"; "X, for his part, said"), not part of the source.
_ADVERBIAL_ASIDES = frozenset(
    {"in", "on", "at", "during", "for", "however", "meanwhile", "though", "too", "speaking"}
    | {"without", "while", "after", "before", "despite", "although", "unlike", "like", "if"}
)
# Words of a time phrase that alone do not make one ("on the", "this"), and words that do.
_TIME_MODIFIERS = frozenset(
    {"the", "a", "this", "that", "last", "next", "past", "same", "early", "late", "mid"}
    | {"first", "second", "recent"}
)
_TIME_NOUNS = frozenset({"yesterday", "today", "tonight"})
_MAX_SOURCE_WORDS = 14
_MAX_LEAD_WORDS = 10  # words between a cue and its "that"/quote ("said in January 2025 that")
_CONTINUING_TYPES = frozenset({"media", "document"})
_QUOTE_MARK = re.compile(r"“|”|«|»|``|''|\"")
_QUOTE_LOOKBACK = 3000  # characters searched back for an open quotation


# Words of a name opening a sentence before a long apposition ("Sen. Marco Rubio, R-Fla., ...").
_MAX_NAME_WORDS = 5
# Tokens after a cue searched for where its content ends; news sentences are far shorter.
_CONTENT_SCAN_TOKENS = 300


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation mark with its character offsets."""

    start: int
    end: int
    text: str
    lower: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


@dataclass(slots=True)
class _Draft:
    """An attribution while it is being built; spans are (start, end) character offsets."""

    cue: tuple[int, int]
    lemma: str
    stance: str
    sentence: int
    source: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    cites: _Draft | None = None
    citing: bool = False  # this is the "citing Y" part of "X, citing Y, said"
    content_after_cue: bool = True
    entity: str | None = None
    source_type: str | None = None
    attitude: bool = False  # the cue is a mental state or stance ("believes", "wants")
    # what a relative "who" source stands for ("Sanders, who said"): its entity is the source's
    antecedent: tuple[int, int] | None = None


@cache
def _abbreviations() -> frozenset[str]:
    """Titles and initials whose period stays with the word ("Mr.", "Sen.", "R.")."""
    return frozenset(line for line in read_lines("en/abbreviations.txt") if " " not in line)


@cache
def _longest_cue() -> int:
    """The number of words of the longest cue form."""
    return max(len(form) for form in cue_forms())


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end]; a title's or an initial's period stays with it."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text[start:end]):
        a, b = match.start() + start, match.end() + start
        word = match.group()
        if word == "." and tokens and tokens[-1].end == a:
            last = tokens[-1]
            initial = len(last.text) == 1 and last.text.isupper()
            if initial or (last.is_word and last.lower in _abbreviations()):
                merged = text[last.start : b]
                tokens[-1] = Token(last.start, b, merged, merged.lower())
                continue
        tokens.append(Token(a, b, word, word.lower()))
    return tokens


def find_attributions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention] = (),
    tagger: SpanTagger | None = None,
) -> list[Attribution]:
    """The attributions of a text, numbered a1, a2, ... in text order. With a tagger, the word
    runs it tags as cues are cue candidates besides the lexicon's (which wins where both match)."""
    rules = [_SentenceRules(text, sentences, index) for index in range(len(sentences))]
    if tagger is not None:
        learned = dict(tagger.cue_spans(text, [r.toks for r in rules]))
        for r in rules:
            r.learned = learned
    drafts: list[_Draft] = []
    for r in rules:
        drafts.extend(r.drafts())
    for draft in drafts:
        _resolve_source(text, draft, mentions)
    _continue_reports(text, sentences, drafts)
    drafts = [d for d in drafts if d.content is not None and not _nested_attitude(d, drafts)]
    for draft in drafts:
        if draft.cites is not None and draft.cites.content is None:
            draft.cites = None
    drafts.sort(key=lambda d: (_extent(d)[0], d.cue[0]))
    ids = {id(d): f"a{n}" for n, d in enumerate(drafts, 1)}
    return [_record(text, d, ids) for d in drafts]


def _nested_attitude(draft: _Draft, drafts: Sequence[_Draft]) -> bool:
    """An attitude inside another report's content ("Kyiv said Moscow wants talks"): the outer
    source's wording, not a stance Moscow voiced (7% of these are PolNeAR train cues; war news
    would get a claim of Moscow's that only Kyiv made)."""
    if not draft.attitude:
        return False
    start, end = draft.cue
    return any(
        other.content is not None
        and other is not draft
        and other.content[0] <= start
        and end <= other.content[1]
        for other in drafts
    )


def _extent(draft: _Draft) -> tuple[int, int]:
    parts = [p for p in (draft.source, draft.cue, draft.content) if p is not None]
    return min(p[0] for p in parts), max(p[1] for p in parts)


def _ref(text: str, span: tuple[int, int] | None, **extra: Any) -> SpanRef | None:
    if span is None:
        return None
    return SpanRef(span[0], span[1], text[span[0] : span[1]], **extra)


def _record(text: str, draft: _Draft, ids: dict[int, str]) -> Attribution:
    start, end = _extent(draft)
    cue = SpanRef(draft.cue[0], draft.cue[1], text[draft.cue[0] : draft.cue[1]], lemma=draft.lemma)
    return Attribution(
        start=start,
        end=end,
        text=text[start:end],
        id=ids[id(draft)],
        source=_ref(text, draft.source, entity=draft.entity),
        cue=cue,
        content=_ref(text, draft.content),
        cites=ids.get(id(draft.cites)) if draft.cites is not None else None,
        stance=draft.stance,
        source_type=draft.source_type,
    )


class _SentenceRules:
    """The clause rules applied to one sentence."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], index: int) -> None:
        self.text = text
        self.sentences = sentences
        self.index = index
        self.start, self.end = sentences[index]
        self.toks = tokenize(text, self.start, self.end)
        self.words = words()
        self.learned: dict[int, int] = {}  # start to end of the cue spans a tagger found

    # -- matching -------------------------------------------------------------------------
    def drafts(self) -> list[_Draft]:
        found: list[_Draft] = []
        if not any(c.islower() for c in self.text[self.start : self.end]):
            return found  # a headline in capitals: no reliable clause structure
        labelled = self._colon_label()
        if labelled is not None:
            found.append(labelled)
        i = 0
        while i < len(self.toks):
            match = self._match_cue(i) or self._learned_cue(i)
            if match is None:
                i += 1
                continue
            cue, j = match
            if self._inside_quote(self.toks[i].start):
                i = j  # a report quoted inside a report belongs to the quotation (PolNeAR)
                continue
            draft = self._attribute(cue, i, j, found)
            if draft is not None:
                found.append(draft)
                if cue.kind == "according" and draft.source is not None:
                    # "according to media reports": the source's words are no cues
                    j = max(j, self._index_ending_at(draft.source[1]) + 1)
            i = j
        self._link_citations(found)
        return found

    def _colon_label(self) -> _Draft | None:
        """ "Kuleba: No deal without Ukraine at the table" (headlines, transcripts): a short name
        opening the sentence, a colon, then what the named one said."""
        colon = next((n for n, t in enumerate(self.toks[:7]) if t.text == ":"), None)
        if colon is None or colon == 0 or colon + 1 >= len(self.toks):
            return None
        label = self.toks[:colon]
        if not all(t.is_word and (t.text[0].isupper() or t.lower in {"of", "the"}) for t in label):
            return None
        if (
            not label[-1].text[0].isupper()
            or " ".join(t.lower for t in label) in self.words.not_speakers
        ):
            return None
        if any((t.lower,) in cue_forms() for t in label):
            return None  # "Zelensky said:" is a verb cue
        content = self._content_to_end(colon + 1)
        words_after = [t for t in self.toks[colon + 1 :] if t.is_word and t.text[0].isalpha()]
        if content is None or len(words_after) < 2:
            return None  # "Sanders: 1,547." is a tally, "Twitter: @Milbank" a handle
        return _Draft(
            cue=(self.toks[colon].start, self.toks[colon].end),
            lemma=":",
            stance="assert",
            sentence=self.index,
            source=(label[0].start, label[-1].end),
            content=content,
        )

    def _index_ending_at(self, end: int) -> int:
        return next((n for n, tok in enumerate(self.toks) if tok.end == end), len(self.toks) - 1)

    def _match_cue(self, i: int) -> tuple[Cue, int] | None:
        """The cue starting at word i and the index after it; a control verb with "to" joins
        the cue it governs ("refused to say", "was quick to note", "continues to assess")."""
        if (
            self.toks[i].lower in self.words.control_verbs
            and i + 2 < len(self.toks)
            and self.toks[i + 1].lower == "to"
        ):
            governed = self._lexicon_cue(i + 2)
            if governed is not None:
                return governed
        return self._lexicon_cue(i)

    def _lexicon_cue(self, i: int) -> tuple[Cue, int] | None:
        table = cue_forms()
        for width in range(_longest_cue(), 0, -1):  # longest first: "went on to say"
            words = tuple(t.lower for t in self.toks[i : i + width])
            if len(words) == width and words in table:
                cue = table[words]
                if cue.kind != "noun":
                    return cue, i + width
        return None

    def _learned_cue(self, i: int) -> tuple[Cue, int] | None:
        """A cue the tagger found starting at word i, unless a lexicon cue lies inside it."""
        if not self.learned:
            return None
        end = self.learned.get(self.toks[i].start)
        if end is None:
            return None
        j = self._index_ending_at(end) + 1
        if any(self._match_cue(n) is not None for n in range(i, j)):
            return None
        form = tuple(t.lower for t in self.toks[i:j])
        if all(w in self.words.preverbs or w in _FUNCTION_WORDS for w in form):
            return None  # "also", "on", "has": a fragment of a cue, no cue on its own
        return Cue(lemma=" ".join(form), stance="assert", kind="verb", forms=(form,)), j

    # -- one cue --------------------------------------------------------------------------
    def _attribute(self, cue: Cue, i: int, j: int, found: list[_Draft]) -> _Draft | None:
        draft = _Draft(
            cue=(self.toks[i].start, self.toks[j - 1].end),
            lemma=cue.lemma,
            stance=cue.stance,
            sentence=self.index,
            attitude=cue.attitude,
        )
        if cue.kind == "according":
            return self._according(draft, i, j)
        form = " ".join(t.lower for t in self.toks[i:j])
        gerund = self.toks[i].lower.endswith("ing")
        if i > 0 and self.toks[i - 1].text == "," and cue.lemma == "cite":
            return self._participle(draft, cue, i, j, found)
        # ", adding that ...", ", referring to Y", ", accusing him of ...": a participle after a
        # comma continues the speaker of the clause before, whatever its verb; "Mr. Biden,
        # recalling his talks, said ..." is an aside before the verb
        if i > 0 and self.toks[i - 1].text == "," and gerund:
            return None if self._before_verb_cue(j) else self._participle(draft, cue, i, j, found)
        if i > 0 and self.toks[i - 1].lower in _GERUND_PREPOSITIONS and gerund:
            # "... by calling him a liar", "after saying that ...": the clause's subject speaks;
            # a fronted "While discussing X, Putin ..." names its speaker only after the comma
            if self._clause_start(i - 1) == i - 1:
                return self._fronted_gerund(draft, cue, i, j)
            return self._participle(draft, cue, i, j, found)
        if self._fronted_participle(i, form):
            return self._fronted(draft, j)
        return self._verb(draft, cue, i, j, found)

    def _fronted_participle(self, i: int, form: str) -> bool:
        """ "Asked about X, ...", "When asked whether ...": a question put by someone unnamed."""
        if not form.endswith("ed") or " " in form:
            return False
        start = self._clause_start(i)
        if start < i and not (start == i - 1 and self.toks[start].lower in {"when", "while"}):
            return False
        return any(t.text == "," for t in self.toks[i + 1 :])

    def _before_verb_cue(self, j: int) -> bool:
        """Whether the phrase from token j ends at a comma followed by a verb cue."""
        comma = next((n for n in range(j, len(self.toks)) if self.toks[n].text == ","), None)
        if comma is None:
            return False
        pos = comma + 1
        while pos < len(self.toks) and self._preverb(self.toks[pos]):
            pos += 1
        match = self._match_cue(pos) if pos < len(self.toks) else None
        return match is not None and match[0].kind == "verb"

    def _fronted_gerund(self, draft: _Draft, cue: Cue, i: int, j: int) -> _Draft | None:
        """ "While discussing the talks, Putin noted ...": the subject after the comma speaks,
        the content ends at the comma."""
        comma = next((n for n in range(j, len(self.toks)) if self.toks[n].text == ","), None)
        if comma is None or comma + 1 >= len(self.toks):
            return None
        subject = self.toks[comma + 1]
        if not (subject.lower in _PRONOUNS - {"it", "who"} or subject.text[0].isupper()):
            return None
        stop = next(  # "Putin noted": the subject ends before its verb
            (n for n in range(comma + 1, self._phrase_end(comma + 1)) if self._match_cue(n)),
            self._phrase_end(comma + 1),
        )
        content = self._right_content(cue, j, draft)
        if stop == comma + 1 or content is None or content[0] >= self.toks[comma].start:
            return None
        draft.source = (subject.start, self.toks[stop - 1].end)
        draft.content = (content[0], self.toks[comma - 1].end)
        return draft

    def _fronted(self, draft: _Draft, j: int) -> _Draft | None:
        if j < len(self.toks) and self.toks[j].lower in {"about", "of"}:
            draft.cue = (draft.cue[0], self.toks[j].end)
            j += 1
        comma = next((n for n in range(j, len(self.toks)) if self.toks[n].text == ","), j)
        draft.content = self._span(j, comma)
        return draft if draft.content else None  # the asker is not named: no source

    def _according(self, draft: _Draft, i: int, j: int) -> _Draft | None:
        stop = self._phrase_end(j)
        if stop == j:
            return None
        draft.source = (self.toks[j].start, self.toks[stop - 1].end)
        lead = self._clause_start(i)
        if lead == i:  # "According to X, content."
            after = stop + 1 if stop < len(self.toks) and self.toks[stop].text == "," else stop
            draft.content = self._content_to_end(after)
        else:  # "content, according to X." or "The implication, according to X, is ..."
            draft.content = self._span(lead, self._trim_right(i))
            resumed = self._resumed_clause(self.toks[stop - 1].end)
            if draft.content is not None and resumed is not None:
                draft.content = (draft.content[0], resumed)
            draft.content_after_cue = False
        return draft if draft.content else None

    def _participle(
        self, draft: _Draft, cue: Cue, i: int, j: int, found: list[_Draft]
    ) -> _Draft | None:
        if cue.lemma == "cite":  # "X, citing Y, said": Y is cited by X's attribution
            stop = self._phrase_end(j)
            if stop == j:
                return None
            draft.source = (self.toks[j].start, self.toks[stop - 1].end)
            draft.citing = True
            return draft
        # ", adding that ...": the speaker of the clause before
        previous = next((d for d in reversed(found) if not d.citing), None)
        if previous is not None:
            draft.source, draft.antecedent = previous.source, previous.antecedent
        else:  # "Clinton celebrated in Florida, declaring ...": the subject of the sentence
            subject = self._coordinated_subject(i, [])
            if subject is not None:
                draft.source = (self.toks[subject[0]].start, self.toks[subject[1]].end)
        draft.content = self._right_content(cue, j, draft)
        if previous is not None and previous.content and draft.content:
            end = min(previous.content[1], self._trim_at(i))
            previous.content = (previous.content[0], end) if end > previous.content[0] else None
        return draft if draft.content else None

    def _verb(self, draft: _Draft, cue: Cue, i: int, j: int, found: list[_Draft]) -> _Draft | None:
        one_word = j - i == 1
        k = i - 1
        while k >= 0 and self._preverb(self.toks[k]):
            k -= 1
        if k + 1 < i:  # "has said", "also noted": auxiliaries and adverbs belong to the cue
            draft.cue = (self.toks[k + 1].start, draft.cue[1])
        while k > 0 and self.toks[k].lower in _SENTENCE_ADVERBS:
            k -= 1  # "Carter however said": a sentence adverb, neither source nor cue
        if j < len(self.toks) and self.toks[j].lower in {"of", "about"}:
            if (
                self.toks[j].lower == "of"
                and self.toks[i].lower.endswith("s")
                and cue.lemma != "say"
            ):
                return None  # "estimates of losses", "reports of shelling": nouns
            if cue.lemma != "say":  # "spoke about", "warned of"; "said of Trump" is said
                draft.cue = (draft.cue[0], self.toks[j].end)
            j += 1
        if cue.object_in_cue:
            j = self._absorb_object(j, draft)
        if j < len(self.toks) and self.toks[j].text == ":":
            draft.cue = (draft.cue[0], self.toks[j].end)
        after = self.toks[j] if j < len(self.toks) else None
        passive = (  # "was reported", "is widely expected"
            any(t.lower in _BE for t in self.toks[k + 1 : i])
            and not self.toks[i].lower.endswith("ing")
        )
        if after is not None and after.lower == "by":
            # "was reported by NHK", "a fact first reported by X"; "is backed by China" or a bare
            # "backed by X" reports nothing
            reduced = not passive and self._reduced_relative(i, k)
            if not passive and cue.lemma == "quote" and k >= 0 and self.toks[k].text == ",":
                return self._quoted_by(draft, j, found)
            return (
                self._passive(draft, k, j) if (passive or reduced) and cue.passive_report else None
            )
        if passive and one_word:  # "It was reported that ...", "Trump was asked whether ..."
            raised = j < len(self.toks) and self.toks[j].lower == "to" and self._infinitive_at(j)
            # "was reported that", "Trump is widely expected to win", "X is believed to be"
            return self._agentless(draft, cue, k, j) if cue.passive_report or raised else None
        aside_end: int | None = None
        if k >= 0 and (self.toks[k].text == "," or self.toks[k].text in _DASHES):
            aside = self._aside(k)
            if aside is not None:
                aside_end = k - 1 if aside[1] else None
                k = aside[0] - 1
        source = self._source_left(k) if k >= 0 else None
        if source is not None and aside_end is not None:
            source = (source[0], aside_end)
        if source is None and k >= 0 and self.toks[k].lower in {"and", "but"}:
            source = self._coordinated_subject(k, found)  # "Sanders endorsed X and said ..."
        relative = None
        if source is None and k > 0 and self.toks[k].lower in {"that", "which"}:
            # "a video that said ...", "an ad which urges voters to ...": PolNeAR's source is
            # the pronoun (as for "who"); the entity comes from the noun before it
            relative = self._antecedent(k)
            if relative is not None and self._match_cue(k - 1) is not None:
                relative = None  # "said that", "warned which": a clause, no relative
            elif relative is not None and self.toks[k].lower == "which":
                source = (k, k)
            elif relative is not None and not cue.first_person_hedge:
                # "a video that said ...": PolNeAR's source is "that" or the noun, either way
                # too often wrong (train: 13 of 76 right); the report stands without one
                draft.content = self._right_content(cue, j, draft)
                return draft if draft.content is not None else None
        if source is not None:
            a, b = source
            if cue.first_person_hedge and (
                self.toks[b].lower in self.words.first_person
                or (self.toks[k].lower in {"who", "that", "which"} and self.toks[k - 1].text != ",")
                or self._inside_quote(self.toks[i].start)
            ):
                return None  # "I think", "people who want to ...", a wish inside a quotation
            if cue.named_source and not self._named(a, b):
                return None  # "a party called Anti-Prom" names; "what he called ..." reports
            if a == b and self.toks[a].lower in {"it", "there"} and k + 1 < i:
                return None  # "it is planned", "there was expected": no one is speaking
            if k + 1 == i and one_word and not self._agrees(cue, a, b):
                return None  # "the TV show", "a phone call": a bare form after a singular noun
            draft.source = (self.toks[a].start, self.toks[b].end)
            auxiliary = _contraction(self.toks[b])
            if auxiliary is not None and b == i - 1:  # "he's said": "'s" belongs to the cue
                draft.source = (draft.source[0], auxiliary)
                draft.cue = (auxiliary, draft.cue[1])
            who = self._relative_pronoun(k)
            if who is not None and b < who:  # PolNeAR's source is "who"; the entity is Sanders
                draft.antecedent = draft.source
                draft.source = (self.toks[who].start, self.toks[who].end)
            elif relative is not None:
                draft.antecedent = (self.toks[relative[0]].start, self.toks[relative[1]].end)
            if self._inverted(a, j, cue.takes_object):
                self._absorb_cue_noun(j, draft)  # "..., ESPN said in a statement."
                return self._left_content(draft, a)
            draft.content = self._right_content(cue, j, draft)
            if (
                draft.content is None
                and a == 0
                and not cue.raising
                and self._quote_before() is not None
            ):
                return self._left_content(draft, a)  # '"..." Trump said, laughing.'
            if draft.content is None:
                return None
            if who is not None and who > 0 and self.toks[who - 1].text == ",":
                draft.content = self._relative_clause_content(draft.content)
            if cue.raising:  # "Trump is expected to speak": no one named expects anything
                draft.content = (draft.source[0], draft.content[1])
                draft.source = draft.antecedent = None
            return draft
        inverted = i > 0 and (self.toks[i - 1].text == "," or self._closes(self.toks[i - 1]))
        if inverted and self.toks[i - 1].text == ",":
            inverted = not self._fronted_adverbial(i - 1)
        if inverted or (k < 0 and self._quote_before() is not None):
            stop = self._phrase_end(j)  # "“...,” said Smith."
            if stop > j and stop - j <= _MAX_SOURCE_WORDS and self._source_closes(stop):
                draft.source = (self.toks[j].start, self.toks[self._apposition_end(stop) - 1].end)
                return self._left_content(draft, i)
            # "Lance Beebe, 49, a Navy veteran who ..., said X": the subject precedes the cue
            # with an apposition too long for the source rules; no name found, no source
            subject = self._long_apposition_subject(i)
            if subject is not None:
                draft.source = (self.toks[subject].start, self.toks[i - 2].end)
            draft.content = self._right_content(cue, j, draft)
            return draft if draft.content is not None else None
        if (
            i > 0
            and self.toks[i - 1].text in _DASHES
            and self.toks[i].text.islower()  # not a title: "Sen. Ted Cruz — Announced March 23"
            and not any(t.text in _DASHES for t in self.toks[1 : i - 1])  # "X - an aside - said"
            and j < len(self.toks)
            and (self.toks[j].text[0].isupper() or self.toks[j].lower in _DETERMINERS)
            and self._closing_source(j)
        ):
            # "... - said the politician." (dash quotations): the source closes the sentence
            stop = next((n for n in range(j, len(self.toks)) if not self._in_name(n)), j)
            if stop > j:
                draft.source = (self.toks[j].start, self.toks[stop - 1].end)
                return self._left_content(draft, i)
        return None

    def _long_apposition_subject(self, i: int) -> int | None:
        """The first token of a name opening the sentence with an apposition too long or too
        complex for the source rules, ending at the comma before the cue at token i ("Jillian
        Chase, 27, a Tinder user in New York, said"); None when the sentence opens otherwise."""
        if i < 3 or self.toks[i - 1].text != ",":
            return None
        a = self._clause_start(i - 1)
        comma = next((n for n in range(a, i - 1) if self.toks[n].text == ","), None)
        if comma is None or comma == a or comma - a > _MAX_NAME_WORDS:
            return None
        name = self.toks[a:comma]
        opener = name[0].lower
        if opener in self.words.adverbial_openers or opener in self.words.clause_openers:
            return None
        if not all(t.text[0].isupper() or not t.is_word for t in name):
            return None  # "In Ohio, ...": a name is capitalised throughout
        if any(self._match_cue(n) is not None for n in range(comma, i - 1)):
            return None  # another report inside: not an apposition
        return a

    def _closes_sentence(self, stop: int) -> bool:
        """Whether a phrase ending before token stop ends the sentence or an apposition follows
        ("..., thinks Sohrab Ahmari, an editor.")."""
        return stop >= len(self.toks) or self.toks[stop].text in _END_PUNCT | {","}

    def _source_closes(self, stop: int) -> bool:
        """Whether a source after an inverted cue may end before token stop: at the end of the
        clause or before an adverbial ("said Smith on Tuesday"), not before a verb ("..., said
        Hillary Clinton should be ready": Clinton is no source)."""
        if stop >= len(self.toks):
            return True
        tok = self.toks[stop]
        adverbial = self.words.lead_words | self.words.time_words | _PREPOSITIONS | {"as", "who"}
        return not tok.is_word or tok.lower in adverbial - {"to", "and"}  # "said Obama failed to"

    def _closing_source(self, j: int) -> bool:
        """Whether a noun phrase starting at token j ends the sentence or comes before a
        comma or a reporting phrase ("said Kishida during a speech in parliament, ...")."""
        stop = self._phrase_end(j)
        return stop > j and (
            stop == len(self.toks)
            or self.toks[stop].text in _END_PUNCT | {","}
            or self.toks[stop - 1].lower in _PREPOSITIONS | {"during"}
        )

    def _in_name(self, n: int) -> bool:
        """Token n still belongs to a source after its cue ("secretary of state Antony Blinken";
        not "in a telephone conversation", "during a speech")."""
        tok = self.toks[n]
        return tok.is_word and (
            tok.lower in {"of", "and"} or tok.lower not in _PREPOSITIONS | {"during", "as"}
        )

    def _quoted_by(self, draft: _Draft, j: int, found: list[_Draft]) -> _Draft | None:
        """ "..., said Kishida, quoted by TASS": the outlet reports the last report of the
        sentence and cites it (the same content)."""
        quoted = next((d for d in reversed(found) if d.sentence == self.index), None)
        stop = self._phrase_end(j + 1)
        if quoted is None or quoted.content is None or stop <= j + 1:
            return None
        draft.cue = (draft.cue[0], self.toks[j].end)
        draft.source = (self.toks[j + 1].start, self.toks[stop - 1].end)
        draft.content = quoted.content
        draft.cites = quoted
        return draft

    def _relative_clause_content(self, content: tuple[int, int]) -> tuple[int, int]:
        """ "Zelensky, who said X, met Biden": the content ends with the relative clause, at its
        closing comma (a quotation keeps its own extent)."""
        inside = [t for t in self.toks if content[0] <= t.start and t.end <= content[1]]
        if not inside or self._opens(inside[0]):
            return content
        for n, tok in enumerate(inside[1:], 1):
            if tok.text == "," or tok.text in _DASHES:
                return content[0], inside[n - 1].end
        return content

    def _absorb_object(self, j: int, draft: _Draft) -> int:
        """ "expressed concern that ...", "voiced support for X": a bare noun naming the attitude
        (and its preposition) belongs to the cue; "expressed his support" keeps only the verb."""
        if j + 1 >= len(self.toks):
            return j
        noun, following = self.toks[j], self.toks[j + 1]
        if not noun.text.isalpha() or not noun.text.islower():
            return j
        if noun.lower in self.words.non_subjects or noun.lower in _FUNCTION_WORDS:
            return j
        if following.lower == "that":
            draft.cue = (draft.cue[0], noun.end)
            return j + 1
        if following.lower in _OBJECT_PREPOSITIONS:
            draft.cue = (draft.cue[0], following.end)
            return j + 2
        return j

    def _named(self, a: int, b: int) -> bool:
        """Whether the source a..b is a pronoun or holds a name ("Sen. Ted Cruz, also a GOP
        hopeful,"; not "A party")."""
        if self.toks[b].lower in _PRONOUNS:
            return True
        return any(
            t.text[0].isupper() and t.lower not in _DETERMINERS for t in self.toks[a : b + 1]
        )

    def _agrees(self, cue: Cue, a: int, b: int) -> bool:
        """Whether the subject a..b can take the bare form of the cue ("polls show", "they
        say"): a bare form is a present plural, so a singular lower-case noun before it makes it
        a noun ("the show", "a call")."""
        form = self.toks[b + 1].lower
        if form != cue.lemma or len(cue.forms) == 1:
            return True  # an inflected form, or a derived cue (its "lemma" is just the form)
        after = self.toks[b + 2] if b + 2 < len(self.toks) else None
        if after is not None and (after.lower in {"that", "whether"} or self._opens(after)):
            return True  # "executives there indicate that ...": only a verb takes "that"
        last = self.toks[b]
        if not last.text.islower() or last.lower in _PLURAL_SUBJECTS:
            return True
        if any(t.lower == "and" for t in self.toks[a:b]):
            return True
        return last.lower.endswith("s") and not last.lower.endswith("ss")

    def _inside_quote(self, pos: int) -> bool:
        """Whether pos lies inside a quotation opened earlier in its paragraph."""
        depth = 0
        start = max(self.text.rfind("\n", 0, pos) + 1, pos - _QUOTE_LOOKBACK)
        for match in _QUOTE_MARK.finditer(self.text, start, pos):
            tok = Token(match.start(), match.end(), match.group(), match.group())
            if tok.text in {"“", "«", "``"}:
                depth += 1
            elif tok.text in {"”", "»"}:
                depth = max(0, depth - 1)
            elif tok.text in {'"', "''"}:
                depth = depth + 1 if self._opens(tok) else max(0, depth - 1)
        return depth > 0

    def _preverb(self, tok: Token) -> bool:
        """An auxiliary or adverb between a subject and its verb: "has", "also", "largely"."""
        if tok.lower in self.words.preverbs or tok.lower.endswith(("n't", "n’t")):
            return True  # "doesn't", "won't" are one token
        return (
            tok.lower.endswith("ly")
            and tok.text.islower()
            and len(tok.lower) > 4
            and tok.lower not in self.words.ly_nouns
        )

    def _relative_pronoun(self, k: int) -> int | None:
        """The "who" opening the subject position ending at token k ("who on Tuesday")."""
        adverbials = self.words.leading_adverbials | self.words.time_words
        while k >= 0 and (self.toks[k].lower in adverbials or self.toks[k].text.isdigit()):
            k -= 1
        return k if k >= 0 and self.toks[k].lower == "who" else None

    def _coordinated_subject(self, k: int, found: list[_Draft]) -> tuple[int, int] | None:
        """The subject shared by coordinated verbs: an earlier source, else the opening name."""
        for draft in reversed(found):
            if draft.source is not None and not draft.citing:
                start, end = draft.source
                a = next((n for n, t in enumerate(self.toks) if t.start == start), None)
                b = next((n for n, t in enumerate(self.toks) if t.end == end), None)
                return (a, b) if a is not None and b is not None else None
        a = self._clause_start(k)
        if a < k and self.toks[a].lower in {"and", "but", "so", "yet", "either", "neither"}:
            a += 1  # "Either the allies act now ... by demanding": "Either" is no name
        opener = self.toks[a].lower if a < k else ""
        if opener in self.words.adverbial_openers or opener in self.words.clause_openers:
            # "In Ohio, Trump said ...", "Hours later, Trump ...": the subject follows the comma
            comma = next((n for n in range(a, k) if self.toks[n].text == ","), None)
            a = a if comma is None else comma + 1
        if a >= k:
            return None
        if self.toks[a].lower in _PRONOUNS - {"it", "who"}:
            return a, a
        b = a
        while b < k and (self.toks[b].text[:1].isupper() or self.toks[b].lower in {"the", "of"}):
            b += 1
        while b > a and not self.toks[b - 1].text[:1].isupper():
            b -= 1
        if b == a + 1 and self.toks[a].lower in _DETERMINERS:
            return None  # "The head of the Church ... and has repeated": no name to take
        return (a, b - 1) if b > a else None

    def _reduced_relative(self, i: int, k: int) -> bool:
        """ "a claim denied by Moscow": a participle in -ed right after a noun (with adverbs)."""
        if not self.toks[i].lower.endswith("ed") or k < 0:
            return False
        noun = self.toks[k]
        return (
            noun.is_word
            and noun.text.islower()
            and noun.lower not in self.words.non_subjects
            and noun.lower not in self.words.clause_openers
            and (noun.lower,) not in cue_forms()
        )

    def _agentless(self, draft: _Draft, cue: Cue, k: int, j: int) -> _Draft | None:
        """A passive report without "by": nobody named speaks. "It was reported that X" reports
        X; in "Trump was asked whether ..." the subject belongs to the content (PolNeAR). Only
        with a reported clause: "Russia is accused of war crimes" is an accusation, no report."""
        if j >= len(self.toks) or self._complement_at(j, False) is None:
            return None
        subject = self._source_left(k)
        content = self._right_content(cue, j, draft)
        if subject is None or content is None:
            return None
        if subject[0] == subject[1] and self.toks[subject[0]].lower in {"it", "there"}:
            if not cue.passive_report:
                return None  # "it is planned to send": a plan, nobody reports it
            draft.content = content
        else:
            draft.content = (self.toks[subject[0]].start, content[1])
        return draft

    def _passive(self, draft: _Draft, k: int, j: int) -> _Draft | None:
        """ "This was reported by NHK": the agent is the source, the subject the content."""
        stop = self._phrase_end(j + 1)
        if stop == j + 1:
            return None
        draft.source = (self.toks[j + 1].start, self.toks[stop - 1].end)
        lead = self._complement_at(stop, False) if stop < len(self.toks) else None
        if lead is not None:  # "he had been told by a head of state that war was brewing"
            draft.content = self._content_to_end(lead)
            return draft if draft.content else None
        if k >= 0 and self.toks[k].lower in self.words.demonstratives:
            if self.index > 0 and (k == 0 or not self.toks[k - 1].is_word):
                draft.content = self._previous_sentence()  # "This was reported by ...": the news
            else:
                draft.content = (self.toks[k].start, self.toks[k].end)
        else:
            subject = self._source_left(k)
            if subject is None:
                return None
            draft.content = (self.toks[subject[0]].start, self.toks[subject[1]].end)
        draft.content_after_cue = False
        return draft

    # -- sources --------------------------------------------------------------------------
    def _source_left(self, k: int) -> tuple[int, int] | None:
        """(first, last) token of the noun phrase ending at token k, or None."""
        if k < 0:
            return None
        last = self.toks[k]
        if last.text == ")":  # "Rep. Gregory Meeks (D-N.Y.) said"
            opening = self._back_to(k, "(")
            if opening is None or opening == 0:
                return None
            found = self._source_left(opening - 1)
            return (found[0], k) if found else None
        if last.lower in _QUANTIFIER_SUBJECTS and (k == 0 or not self.toks[k - 1].is_word):
            return k, k  # "Some accused him", "“...,” several said"; not "Kyiv and others"
        if not (last.is_word or _percent(self.toks, k)) or last.lower in self.words.non_subjects:
            return None
        if self._verb_form(k):
            return None  # "after denying plans to ...": a verb, not a subject
        if last.lower.endswith(("'s", "’s")) and _contraction(last) is None:
            return None  # "Trump's comments": a possessor, not a subject
        if last.lower == "who":
            return self._antecedent(k) or (k, k)
        if last.lower in self.words.clause_openers and last.lower not in _PRONOUNS:
            return None
        a = k
        while a - 1 >= 0 and k - a + 1 < _MAX_SOURCE_WORDS:
            tok = self.toks[a - 1]
            if tok.text == ")":
                opening = self._back_to(a - 1, "(")
                if opening is None:
                    break
                a = opening
                continue
            if tok.lower == "to" and a - 2 >= 0 and self.toks[a - 2].lower in self.words.before_to:
                a -= 1  # "a source close to him said"
                continue
            if tok.lower == "and" and a - 2 >= 0 and self._nominal(self.toks[a - 2]):
                a -= 1  # "Russia and China said", "the mayor and officials said"
                continue
            if (
                not (tok.is_word or _percent(self.toks, a - 1))
                or tok.lower in self.words.clause_openers
            ):
                break
            if self._verb_form(a - 1):
                break
            a -= 1
        if a > 0 and self.toks[a - 1].lower in _BE | {"has", "have", "had"}:
            a = self._relative_start(a)
        if self._all_adverbial(a, k):  # "Sanders, who on Tuesday endorsed ..."
            return self._antecedent(a - 1) if a > 0 and self.toks[a - 1].lower == "who" else None
        a = self._drop_leading_adverbial(a, k)
        if a < k and self.toks[a].lower in {"with", "without"}:
            a += 1  # "with 30 percent of voters saying": the voters speak
        k = self._drop_trailing_time(a, k)
        for n in range(a + 1, k):  # "Guardian in a telephone interview said", "X during a visit"
            word = self.toks[n].lower
            if word == "during" or (word == "in" and self._reporting_noun_at(n + 1)):
                return a, n - 1
        return a, k

    def _apposition_end(self, stop: int) -> int:
        """ "said Anna Smith, an economist at X.": the apposition closing the sentence."""
        if stop >= len(self.toks) or self.toks[stop].text != ",":
            return stop
        end = stop + 1
        table = cue_forms()
        while end < len(self.toks) and self.toks[end].text not in _END_PUNCT | {",", ";"}:
            tok = self.toks[end]
            cue_word = (tok.lower,) in table and not tok.text[0].isupper()  # not "the Post"
            if cue_word or self._opens(tok) or tok.lower in _COMPLEMENTS:
                return stop
            end += 1
        return end if end < len(self.toks) and end - stop <= _MAX_SOURCE_WORDS else stop

    def _relative_start(self, a: int) -> int:
        """ "Supporters who have heard from the campaign say": the noun the clause modifies."""
        for w in range(a - 1, max(-1, a - 6), -1):
            tok = self.toks[w]
            if tok.lower in {"who", "that"} and w > 0 and self.toks[w - 1].is_word:
                before = self.toks[w - 1]
                if before.lower not in self.words.clause_openers and not before.lower.endswith(
                    ("'s", "’s")
                ):
                    found = self._source_left(w - 1)
                    return found[0] if found else a
            if not tok.is_word:
                break
        return a

    def _nominal(self, tok: Token) -> bool:
        """A word that ends a noun phrase for sure: a name or a known source head noun."""
        return tok.is_word and (tok.text[0].isupper() or tok.lower in source_types())

    def _verb_form(self, n: int) -> bool:
        """A lower-case cue word used as a verb (not "Cruz's thinking")."""
        tok = self.toks[n]
        cue = cue_forms().get((tok.lower,))
        if cue is None or cue.kind != "verb" or not tok.text.islower():
            return False  # "The report said": a reporting noun ends a subject
        return not (n > 0 and self.toks[n - 1].lower.endswith(("'s", "’s", "his", "her", "their")))

    def _back_to(self, k: int, mark: str) -> int | None:
        for m in range(k - 1, max(-1, k - 12), -1):
            if self.toks[m].text == mark:
                return m
        return None

    def _all_adverbial(self, a: int, k: int) -> bool:
        words = self.words.leading_adverbials | self.words.time_words
        return all(t.lower in words or t.text.isdigit() for t in self.toks[a : k + 1])

    def _antecedent(self, who: int) -> tuple[int, int] | None:
        """The noun phrase a relative "who" refers to: "Bernie Sanders, who ..."."""
        before = who - 1
        if before >= 0 and self.toks[before].text == ",":
            before -= 1
        if before < 0 or not self.toks[before].is_word:
            return None
        return self._source_left(before)

    def _drop_leading_adverbial(self, a: int, k: int) -> int:
        """ "On Tuesday Trump said": the time phrase is not part of the source."""
        if self.toks[a].lower not in self.words.leading_adverbials or a == k:
            return a
        b = a + 1
        while b < k and (
            self.toks[b].lower in self.words.time_words or self.toks[b].text.isdigit()
        ):
            b += 1
        # keep a determiner that opens the source ("last week the ministry said")
        while b > a + 1 and self.toks[b - 1].lower in {"the", "a", "an", "this", "that"}:
            b -= 1
        return b if b <= k else a

    def _drop_trailing_time(self, a: int, k: int) -> int:
        """ "The minister on Monday said", "Zelensky last week told": the time phrase between
        the subject and the verb is not part of the source; returns the new last token."""
        adverbials = self.words.leading_adverbials
        for n in range(a + 1, k + 1):
            phrase = self.toks[n : k + 1]
            if phrase[0].lower not in adverbials:
                continue
            if not all(
                t.lower in adverbials or t.lower in self.words.time_words or t.text.isdigit()
                for t in phrase
            ):
                continue
            if any(
                t.lower in _TIME_NOUNS or t.lower in self.words.time_words - _TIME_MODIFIERS
                for t in phrase
            ):
                return n - 1
        return k

    def _aside(self, k: int) -> tuple[int, bool] | None:
        """An aside closed by the comma or dash at token k: (index of its opening mark,
        whether it belongs to the source). "X, a spokesman for Y, said" keeps the apposition;
        "X, citing Y, said" and "X, who ..., said" leave it out."""
        dash = self.toks[k].text in _DASHES
        m = k - 1
        while m >= 0 and self.toks[m].text in _DASHES and dash:
            m -= 1
        while m > 0 and k - m < 25:
            mark = self.toks[m].text
            if mark == "." and self.toks[m + 1].text[0].isdigit():
                m -= 1  # "the No. 2 Republican": an abbreviation, not the end of a sentence
                continue
            if mark in _END_PUNCT or mark in OPEN_QUOTES or mark in CLOSE_QUOTES:
                return None
            if (mark == ",") if not dash else (mark in _DASHES):
                while dash and m > 0 and self.toks[m - 1].text in _DASHES:
                    m -= 1
                first = m + 1
                while first < k and self.toks[first].text in _DASHES:
                    first += 1
                opener = self.toks[first]
                participle = opener.text.islower() and opener.lower.endswith(("ing", "ed"))
                return m, not (
                    participle  # "X, recalling ...," / "The poll, released on ...,": a clause
                    or opener.lower in _SKIPPED_ASIDES
                    or opener.lower in _ADVERBIAL_ASIDES
                )
            m -= 1
        return None

    def _phrase_end(self, j: int) -> int:
        """End (exclusive) of the noun phrase starting at token j ("by NHK, citing ...")."""
        stop = j
        while stop < len(self.toks) and stop - j < _MAX_SOURCE_WORDS:
            tok = self.toks[stop]
            if not tok.is_word or tok.lower in {"who", "which", "on", "as"}:
                break
            if tok.lower in self.words.clause_openers and tok.lower != "and":
                break
            stop += 1
        return stop

    def _fronted_adverbial(self, comma: int) -> bool:
        """Whether the words before this comma are only a fronted adverbial ("At first,",
        "In Venezuela,"), which is no reported content."""
        before = self.toks[:comma]
        words = [t for t in before if t.is_word]
        if len(words) < 4:
            return True
        return words[0].lower in self.words.adverbial_openers and not any(
            t.text == "," for t in before
        )

    def _inverted(self, a: int, j: int, takes_object: bool = False) -> bool:
        """ "“...,” he said." or "..., officials said.": the content precedes the source."""
        if a == 0:
            if self._quote_before() is None:
                return False
            tail: list[Token] = []
            for tok in self.toks[j:]:
                if tok.text in _END_PUNCT or tok.text == ",":
                    break
                if tok.lower in _COMPLEMENTS or self._opens(tok):
                    return False
                tail.append(tok)
            # '"Why?" Trump said on Tuesday.'; not '"..." Sanders said he did not seek it.'
            return self._adverbial_tail(tail)
        before = self.toks[a - 1].text
        if before != "," and not self._closes(self.toks[a - 1]):
            return False
        rest = self.toks[j:]
        quoted_before = self._closes(self.toks[a - 1]) or (a > 1 and self._closes(self.toks[a - 2]))
        if rest and rest[0].text in _END_PUNCT | {","} and len(rest) > 1 and self._opens(rest[1]):
            # "“...,” he said, “...”": one quotation around the cue; but "While he spoke in
            # Miami, he said, “...”" opens its quotation after the cue
            return quoted_before
        if self._closes(self.toks[a - 1]) and a > 1 and self.toks[a - 2].text in {",", "?", "!"}:
            # "“...,” he said when asked ...", "“...,” Sanders said of X, before ...": a quotation
            # closed on a comma is the content whatever follows the cue, unless "that" or a
            # colon opens another content
            return not rest or not (rest[0].lower == "that" or rest[0].text == ":")
        tail = []
        for n, tok in enumerate(rest, j):
            if tok.text in _END_PUNCT or tok.text == ",":
                break
            if tok.lower == "to" and not self._infinitive_at(n):
                tail.append(tok)  # "..., she said to rousing applause."
                continue
            if tok.lower in _COMPLEMENTS or self._opens(tok):
                return False
            tail.append(tok)
        short = sum(t.is_word for t in self.toks[: a - 1]) < 3
        if before == "," and (tail or short) and self._fronted_adverbial(a - 1):
            return False  # "At first, both sides denied this": a fronted adverbial
        if (
            tail
            and tail[0].lower in self.words.demonstratives
            and (len(tail) == 1 or tail[1].lower not in self.words.time_words)
        ):
            return False  # "..., both sides denied this": an object follows
        if takes_object:  # "..., the minister told a Senate panel on Wednesday."
            tail = tail[self._recipient_length(tail) :]
        return self._adverbial_tail(tail)

    def _recipient_length(self, tail: Sequence[Token]) -> int:
        """Words of the recipient opening the tail of an inverted "told" ("a crowd", "his
        closest advisers", "NBC News"), up to an adverbial; 0 when it is longer than 5 words."""
        lead = self.words.lead_words | self.words.time_words | _SUBORDINATORS
        n = next((n for n, t in enumerate(tail) if n > 0 and t.lower in lead), len(tail))
        return n if n <= 5 else 0

    def _adverbial_tail(self, tail: Sequence[Token]) -> bool:
        """Only adverbials may follow an inverted cue: "..., he said on Tuesday in a statement."."""
        lead = self.words.lead_words | (self.words.time_words - _DETERMINERS)
        if tail and tail[0].lower in _SUBORDINATORS:
            return True  # "..., he told them as he left the stage."
        return not tail or (len(tail) <= 8 and (tail[0].lower in lead or tail[0].text[0].isupper()))

    # -- content --------------------------------------------------------------------------
    def _left_content(self, draft: _Draft, a: int) -> _Draft | None:
        """Content before the source: the quotation or clause the sentence opens with."""
        draft.content_after_cue = False
        k = a - 1
        while k >= 0 and (self.toks[k].text == "," or self.toks[k].text in _DASHES):
            k -= 1
        if k < 0:
            quoted = self._quote_before()
            if quoted is None:
                return None
            draft.content = (quoted[0], self._continued_quote(quoted[1], draft.cue[1]))
            return draft
        end_tok = self.toks[k]
        if self._closes(end_tok):
            opening = self._opening_quote(end_tok)
            if opening is not None:
                after = max(draft.cue[1], draft.source[1] if draft.source else 0)
                draft.content = (opening, self._continued_quote(end_tok.end, after))
                return draft
        start = self._clause_start(k)
        after = max(draft.cue[1], draft.source[1] if draft.source else 0)
        draft.content = (self.toks[start].start, self._resumed_clause(after) or end_tok.end)
        return draft

    def _resumed_clause(self, after: int) -> int | None:
        """ "Bob, they said, ordered them to wait": the clause goes on after the parenthetical
        cue; the end of the sentence, or None when the cue closes the clause."""
        rest = [t for t in self.toks if t.start >= after]
        if len(rest) < 2 or rest[0].text != ",":
            return None
        follower = self.toks.index(rest[1])
        if not rest[1].is_word or self._starts_aside(follower) or rest[1].lower in {"a", "an"}:
            return None  # "..., said Smith, an editor at ...": an apposition, not the clause
        clause = self._content_to_end(follower)
        return clause[1] if clause is not None else None

    def _quote_before(self) -> tuple[int, int] | None:
        """A quotation ending the previous sentence of the paragraph: '"Why?" Trump said.'"""
        before = self.text[: self.start].rstrip(" \t")
        if not before or before.endswith("\n"):
            return None
        for mark in sorted(CLOSE_QUOTES, key=len, reverse=True):
            if before.endswith(mark):
                close = Token(len(before) - len(mark), len(before), mark, mark)
                opening = self._opening_quote(close)
                return (opening, close.end) if opening is not None else None
        return None

    def _opens(self, tok: Token) -> bool:
        """An opening quote mark; a straight one opens when no word touches it on the left."""
        if tok.text not in OPEN_QUOTES:
            return False
        if tok.text in {"“", "«", "``", "‘"} or tok.start == 0:
            return True
        left = self.text[tok.start - 1]
        right = self.text[tok.end : tok.end + 1]
        # a straight quote opens after a space or bracket and before a word: ' "We' not '," '
        return not left.isalnum() and left not in ".,!?;:'" and right.strip() != ""

    def _closes(self, tok: Token) -> bool:
        return tok.text in CLOSE_QUOTES and not (tok.text in {'"', "''"} and self._opens(tok))

    def _opening_quote(self, close: Token) -> int | None:
        """Where the quotation closed by `close` opens, looking back within the paragraph."""
        para_start = self.text.rfind("\n", 0, close.start) + 1
        best = -1
        for opener in (o for o, c in _QUOTE_PAIRS.items() if c == close.text):
            pos = close.start
            while (pos := self.text.rfind(opener, para_start, pos)) >= 0:
                mark = Token(pos, pos + len(opener), opener, opener)
                if self._opens(mark):
                    best = max(best, pos)
                    break
        return best if best >= 0 else None

    def _closing_quote(self, opening: Token) -> int | None:
        para_end = self.text.find("\n", opening.end)
        para_end = len(self.text) if para_end < 0 else para_end
        closing = _QUOTE_PAIRS[opening.text]
        pos = opening.end
        while (pos := self.text.find(closing, pos, para_end)) >= 0:
            mark = Token(pos, pos + len(closing), closing, closing)
            apostrophe = closing == "’" and self.text[mark.end : mark.end + 1].isalnum()
            if self._closes(mark) and not apostrophe:  # not "they’re"
                return mark.end
            pos = mark.end
        return None

    def _continued_quote(self, end: int, after: int) -> int:
        """ "“A,” he said, “B.”" or "“A,” he said. “B.”": a quotation resumed after the cue
        (and a source or apposition after it) continues the content."""
        rest = [t for t in self.toks if t.start >= after]
        while rest and rest[0].text in {",", ":", "."}:
            rest = rest[1:]
        if rest and self._opens(rest[0]):
            close = self._closing_quote(rest[0])
            return close if close is not None else end
        if any(self._opens(t) for t in rest) or self.index + 1 >= len(self.sentences):
            return end
        next_start, next_end = self.sentences[self.index + 1]
        if "\n" in self.text[self.end : next_start]:
            return end
        upcoming = tokenize(self.text, next_start, min(next_end, next_start + 4))
        if upcoming and self._opens(upcoming[0]):
            close = self._closing_quote(upcoming[0])
            if close is not None:
                return close
        return end

    def _clause_start(self, k: int) -> int:
        """First token of the clause ending at token k (after a leading "But," or quote)."""
        a = 0
        while a < k and (self.toks[a].text in OPEN_QUOTES or not self.toks[a].is_word):
            a += 1
        if a < k and self.toks[a].text.isupper() and len(self.toks[a].text) > 1:
            # a dateline: "WASHINGTON —", "KYIV (Reuters) -"
            b = a
            while b < k and self.toks[b].text.isupper():
                b += 1
            if b < k and self.toks[b].text == "(":
                b = next((n + 1 for n in range(b, k) if self.toks[n].text == ")"), b)
            if b < k and self.toks[b].text in _DASHES:
                while b < k and self.toks[b].text in _DASHES:
                    b += 1
                return b
        return a

    def _right_content(self, cue: Cue, j: int, draft: _Draft) -> tuple[int, int] | None:
        j = self._absorb_cue_noun(j, draft)
        n = len(self.toks)
        start = j
        if start < n and self.toks[start].text in _END_PUNCT:
            return None
        while start < n and self.toks[start].text in {",", ":"}:
            start += 1
        if start >= n and self.toks[-1].text == ":":
            return self._next_sentence_content()  # "Cruz continued:" closing a paragraph
        lead = self._complement_at(start, cue.takes_object)
        # "..., thinks Sohrab Ahmari": a name after an inverted cue is its source, no clause
        # ("Bobby Franklin, the head of X, thinks Mr. Trump will gain": a clause after all)
        inverted = self.text[: draft.cue[0]].rstrip().endswith(",") and (
            draft.source is None or self._closes_sentence(self._phrase_end(start))
        )
        if lead is not None:
            start = lead
        elif cue.needs_complement and not (
            self._complement_waived(j, draft)
            or (cue.first_person_hedge and self._bare_clause_at(start) and not inverted)
        ):
            return None
        if start >= n:
            return None
        first = self.toks[start]
        if self._opens(first):
            close = self._closing_quote(first)
            if close is not None:
                return first.start, close
        return self._content_to_end(start)

    def _next_sentence_content(self) -> tuple[int, int] | None:
        """What a cue ending its sentence with a colon introduces: the quotation opening the
        next sentence (to its closing mark), else that sentence."""
        if self.index + 1 >= len(self.sentences):
            return None
        start, end = self.sentences[self.index + 1]
        toks = tokenize(self.text, start, end)
        if not toks:
            return None
        if self._opens(toks[0]):
            close = self._closing_quote(toks[0])
            if close is not None:
                return toks[0].start, close
        return toks[0].start, _strip_end(self.text, toks[0].start, toks[-1].end)

    def _bare_clause_at(self, n: int) -> bool:
        """A clause without "that" after a verb of thinking: "officials think Kyiv will ...",
        "they fear the talks could fail" (a subject pronoun, a name or a determiner opens it)."""
        if n >= len(self.toks):
            return False
        tok = self.toks[n]
        return tok.lower in _CLAUSE_SUBJECTS or (
            tok.is_word and tok.text[0].isupper() and tok.lower not in _PRONOUNS
        )

    def _complement_waived(self, j: int, draft: _Draft) -> bool:
        """An ambiguous cue still reports when set off by a comma ("But, Carson added, he ...")
        or when a document speaks ("A CNN poll showed Trump with a lead")."""
        if j < len(self.toks) and self.toks[j].text == ",":
            return True
        if draft.source is None:
            return False
        return head_noun_type(self.text[draft.source[0] : draft.source[1]]) == "document"

    def _complement_at(self, start: int, takes_object: bool) -> int | None:
        """The token opening the reported clause: right after the cue, or after a recipient
        ("told reporters that") or an adverbial ("said on Tuesday that", "said in January 2025
        that"); None when other words intervene."""
        first = self.toks[start] if start < len(self.toks) else None
        if first is None:
            return None
        if first.lower == "to":
            if self._infinitive_at(start):
                return start
        elif first.lower in _COMPLEMENTS or self._opens(first):
            return start
        if first.text == ":":
            return start + 1 if start + 1 < len(self.toks) else None
        if takes_object and first.lower in self.words.recipients and start + 1 < len(self.toks):
            following = self.toks[start + 1]  # "told him he had never been a citizen"
            if following.is_word and following.lower not in {"to", "about", "of", "on", "in"}:
                return self._complement_at(start + 1, False) or start + 1
        adverbial = first.lower in self.words.lead_words or first.lower in self.words.time_words
        if not (adverbial or takes_object):
            return None
        table = cue_forms()
        for pos in range(start + 1, min(len(self.toks), start + _MAX_LEAD_WORDS)):
            tok = self.toks[pos]
            if self._opens(tok) or tok.lower in {"that", "whether", "if"}:
                return pos
            if (tok.lower,) in table:
                return None  # another cue: "who spoke in Kyiv, denied that"
            if tok.text == "," and pos + 1 < len(self.toks):
                next_word = self.toks[pos + 1].lower
                if next_word not in self.words.lead_words | {"that"}:
                    return None
            if tok.lower == "to" and takes_object and self._infinitive_at(pos):
                return pos  # "urged Congress to act"
            if tok.text == ":":
                return pos + 1 if pos + 1 < len(self.toks) else None
            if not tok.is_word and tok.text != ",":
                return None
        return None

    def _infinitive_at(self, n: int) -> bool:
        """ "to act" (an infinitive), not "to reporters" or "to the crowd" (a recipient)."""
        if n + 1 >= len(self.toks):
            return False
        following = self.toks[n + 1]
        return (
            following.text.islower()
            and not following.lower.endswith("ing")  # "to rousing applause"
            and following.lower not in _DETERMINERS
            and following.lower not in self.words.recipients
            and following.lower not in self.words.non_subjects
        )

    def _reporting_noun_at(self, n: int) -> bool:
        """ "a statement", "an interview with": a determiner and a reporting noun at token n."""
        if n + 1 >= len(self.toks) or self.toks[n].lower not in {"a", "an", "the", "his", "her"}:
            return False
        return any(
            tuple(t.lower for t in self.toks[n + 1 : n + 1 + width]) in _nouns() for width in (1, 2)
        )

    def _absorb_cue_noun(self, j: int, draft: _Draft) -> int:
        """ "said in a statement": the reporting noun phrase belongs to the cue."""
        toks = self.toks
        if j + 2 < len(toks) and toks[j].lower == "in" and toks[j + 1].lower in {"a", "an", "the"}:
            for width in (3, 2, 1):
                noun = tuple(t.lower for t in toks[j + 2 : j + 2 + width])
                cue = _nouns().get(noun)
                if len(noun) == width and cue is not None:
                    end = j + 2 + width
                    draft.cue = (draft.cue[0], toks[end - 1].end)
                    return end
        return j

    def _content_to_end(self, start: int) -> tuple[int, int] | None:
        if start >= len(self.toks):
            return None
        # A bounded look-ahead and content: a run-on "sentence" of thousands of words (a text
        # without punctuation) would otherwise cost every cue a scan to its end, quadratic in all.
        stop = min(len(self.toks), start + _CONTENT_SCAN_TOKENS)
        for pos in range(start + 1, min(len(self.toks) - 1, start + _CONTENT_SCAN_TOKENS)):
            tok = self.toks[pos]
            if tok.text == "," and self._starts_aside(pos + 1):
                stop = pos
                break
            if tok.text in _DASHES and self.text[tok.start - 1 : tok.start] == " ":
                stop = pos  # " — an aside —" ends the reported clause
                break
            if (tok.lower in {"and", "but"} or tok.text == ",") and self._verb_cue_at(pos + 1):
                stop = pos  # "did praise X and condemned Y": the next verb has its own content
                break
            if (
                tok.text == ","
                and self.toks[pos + 1].lower in {"but", "while", "whereas", "and"}
                and self._cue_after(pos)
            ):
                stop = pos  # "denied this, but ... Russia acknowledged": a new report
                break
        end = self._trim_right(stop)
        if end <= start:
            return None
        return self.toks[start].start, self.toks[end - 1].end

    def _verb_cue_at(self, pos: int) -> bool:
        """A verb cue at token pos, after a comma, a short subject ("and he said") or adverbs."""
        if pos < len(self.toks) and self.toks[pos].text == ",":
            pos += 1
        subject = pos
        while subject < min(len(self.toks), pos + 3) and (
            self.toks[subject].lower in _PRONOUNS or self.toks[subject].text[:1].isupper()
        ):
            subject += 1
        pos = subject
        while pos < len(self.toks) and self._preverb(self.toks[pos]):
            pos += 1
        if pos >= len(self.toks) or not self.toks[pos].text.islower():
            return False
        match = self._match_cue(pos)
        return match is not None and match[0].kind == "verb"

    def _cue_after(self, pos: int) -> bool:
        table = cue_forms()
        return any((tok.lower,) in table for tok in self.toks[pos + 1 :])

    def _starts_aside(self, pos: int) -> bool:
        form = self.toks[pos].lower
        two = " ".join(t.lower for t in self.toks[pos : pos + 2])
        return form in self.words.participle_cues or two in {"according to", "pointing out"}

    def _trim_right(self, stop: int) -> int:
        """Drop closing punctuation (not closing quotes) before token index `stop`."""
        while stop > 0 and (
            self.toks[stop - 1].text in _END_PUNCT or self.toks[stop - 1].text in _CLAUSE_PUNCT
        ):
            stop -= 1
        return stop

    def _trim_at(self, i: int) -> int:
        """Character offset where a content cut before token i ends (before its comma)."""
        return self.toks[self._trim_right(i) - 1].end if self._trim_right(i) > 0 else self.start

    def _span(self, a: int, b: int) -> tuple[int, int] | None:
        if b <= a:
            return None
        return self.toks[a].start, self.toks[b - 1].end

    def _previous_sentence(self) -> tuple[int, int]:
        start, end = self.sentences[self.index - 1]
        return start, _strip_end(self.text, start, end)

    # -- chains ---------------------------------------------------------------------------
    def _link_citations(self, found: list[_Draft]) -> None:
        """Give each "citing Y" the content of the attribution it supports, and link them."""
        for citing in (d for d in found if d.citing):
            mains = [d for d in found if not d.citing]
            after = [d for d in mains if d.cue[0] > citing.cue[0]]
            before = [d for d in mains if d.cue[0] < citing.cue[0]]
            main: _Draft | None = None
            if after and after[0].source and after[0].source[1] < citing.cue[0]:
                main = after[0]  # "X, citing Y, said": X's source precedes the aside
            elif before:
                main = before[-1]  # "This was reported by X, citing Y"
            if main is None:
                continue
            main.cites = citing
            citing.content = main.content
        found[:] = [d for d in found if not d.citing or d.content is not None]


_CONTRACTED = re.compile(r"(?:he|she|it|who|that|they|we|i|you)(['’](?:s|ve|d|ll))", re.I)


def _percent(toks: Sequence[Token], n: int) -> bool:
    """ "42%": a percent sign after a number, a word of a survey subject ("42% say")."""
    return toks[n].text == "%" and n > 0 and toks[n - 1].text[0].isdigit()


def _contraction(tok: Token) -> int | None:
    """Where the auxiliary of a contracted pronoun starts ("he's", "they've"), or None."""
    match = _CONTRACTED.fullmatch(tok.text)
    return tok.start + match.start(1) if match else None


def _nouns() -> dict[tuple[str, ...], Cue]:
    return {form: cue for cue in cues() if cue.kind == "noun" for form in cue.forms}


# -- sources: entities and types ------------------------------------------------------------
def _resolve_source(text: str, draft: _Draft, mentions: Sequence[Mention]) -> None:
    if draft.source is None:
        return
    start, end = draft.antecedent or draft.source
    mention = _source_mention(text, start, end, mentions)
    if mention is not None and mention.entity:
        draft.entity = mention.entity
        draft.source_type = _entity_type(mention.entity)
    if draft.source_type is None:
        draft.source_type = head_noun_type(text[start:end])


def _source_mention(text: str, start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    """The mention naming the source: the rightmost one that ends the source's noun phrase
    ("The head of GUR Kyrylo Budanov"), not a modifier ("South Korean lawmakers") or a
    prepositional complement ("sources in the West and Russia")."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    for mention in sorted(inside, key=lambda m: m.start, reverse=True):
        after = text[mention.end : end].lstrip()
        if after and after[0] not in ",(":
            continue
        before = text[start : mention.start].split()
        while before and before[-1].lower() in {"the", "a", "an"}:
            before.pop()
        if not before or before[-1].lower().strip(",") not in _PREPOSITIONS:
            return mention
    return None


_KIND_TYPES = {
    "person": "official person",
    "country": "government",
    "gpe": "government",
    "government": "government",
    "media": "media",
    "military": "military",
    "intelligence": "intelligence",
    "think_tank": "expert",
    "expert": "expert",
}


def _entity_type(entity: str) -> str | None:
    """The source type of an entity id: a named person is an official person (or a journalist,
    an expert); an organisation or country takes the kind the entities helper knows."""
    prefix = entity.split(":", 1)[0]
    kind: str | None = prefix
    try:
        from claimledger.nlp.entities import entity_kind
    except ImportError:  # the entities helper is optional for this component
        pass
    else:
        kind = entity_kind(entity) or prefix
    if prefix == "person":
        return kind if kind in {"media", "expert"} else "official person"
    if kind in SOURCE_TYPES:
        return kind
    return _KIND_TYPES.get(kind or "")


def head_noun_type(source: str) -> str | None:
    """Source type from the head noun of an unnamed source ("Western media" -> media)."""
    table = source_types()
    tokens = [t.lower for t in tokenize(source, 0, len(source)) if t.is_word]
    head_part: list[str] = []
    for token in tokens:
        if token in _PREPOSITIONS - {"and"}:
            break
        head_part.append(token)
    for part in (head_part, tokens):
        for n in range(len(part) - 1, -1, -1):
            pair = " ".join(part[n : n + 2])
            if pair in table:
                return table[pair]
            if part[n] in table:
                return table[part[n]]
    return None


# -- multi-sentence reports -----------------------------------------------------------------
def _continue_reports(
    text: str, sentences: Sequence[tuple[int, int]], drafts: list[_Draft]
) -> None:
    """ "Reuters reported that ... [more sentences] ... The publication noted": the sentences
    between a media report and the same outlet's next attribution carry the report on."""
    ordered = sorted(drafts, key=lambda d: d.cue[0])
    anaphoric = words().anaphoric_heads
    for first, second in itertools.pairwise(ordered):
        if first.source_type not in _CONTINUING_TYPES or not first.content_after_cue:
            continue
        if first.content is None or second.source is None or second.sentence <= first.sentence + 1:
            continue
        source_words = text[second.source[0] : second.source[1]].lower().split()
        same = (first.entity is not None and first.entity == second.entity) or (
            bool(source_words) and source_words[-1] in anaphoric
        )
        if not same or "\n" in text[first.content[1] : sentences[second.sentence][0]].strip():
            continue
        last = sentences[second.sentence - 1]
        first.content = (first.content[0], _strip_end(text, last[0], last[1]))


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in ".!?" or text[end - 1].isspace()):
        end -= 1
    return end


# -- the spaCy component --------------------------------------------------------------------
@Language.factory(
    "claimledger_attribution", assigns=["doc.spans"], default_config={"cue_tagger": False}
)
def make_attribution(nlp: Language, name: str, cue_tagger: bool) -> AttributionFinder:
    """cue_tagger: add the learned tagger's cues (off by default: on PolNeAR dev it raises exact
    cue F1 by about one point, but in war news most of what it adds is wrong, events such as
    "has imposed sanctions" reported as speech, and it is ten times slower; see
    docs/attribution.md)."""
    register_extensions()
    return AttributionFinder(trained_cue_tagger() if cue_tagger else None)


class AttributionFinder:
    """Fills doc.spans["attributions"] from sentences and the mentions found before; with a cue
    tagger, its cues are candidates besides the lexicon's."""

    def __init__(self, tagger: SpanTagger | None = None) -> None:
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        mentions = records(doc, "mentions")
        found = find_attributions(doc.text, sentence_bounds(doc), mentions, self.tagger)
        # the id as label keeps records of equal extent apart (span extensions key on the label)
        set_span_group(doc, "attributions", found, label_attr="id")
        return doc
