"""Sentence-level signals shared by the buyer-centric rule families.

Each sentence of an email is classified once (and memoized on the document) by the
principles behind the rules, not by stock phrases:

- **who it is about**: the sender (``we``, ``our``, the sender's company as subject,
  self-description) or the reader (``your`` plus something concrete about them);
- **what it asks**: a real question about the reader's situation, a meeting grab, a
  gatekeeper ask, a rhetorical pitch question, or a chase for a reply;
- **whether it adds anything**: a concrete fact, number, named thing or resource that
  is not the sender's own promotion.

The sender's own names (person and company) are learned from the signature and from
self-introductions, so "Acme has served 300 clients" counts as the sender talking
about itself even without "we".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from .._document import MERGE_CHAR, Document, Sentence
from .._fastre import PhrasePattern, compile_phrases, fold, shared_scan

# -- vocabulary ------------------------------------------------------------------------

_I = regex.I
READER_POSSESSIVE = compile_phrases(r"\byour\b", _I)
LIKE_YOURS = compile_phrases(r"\b(?:teams?|companies|businesses|organizations|people|leaders|firms|brands|clients|customers|folks|shops|groups?) like (?:yours|you)\b", _I)
READER_ANY = compile_phrases(r"\b(?:you|your|yours|yourself|you're|you've|you'll|you'd|you’re|you’ve|you’ll|you’d)\b", _I)
SELLER_PRONOUN = compile_phrases(
    r"\b(?:we|we're|we've|we'd|we'll|we’re|we’ve|we’d|we’ll|our|ours|us)\b|\bI(?:'m|’m)? with\b|\bmy (?:team|company|firm)\b",
    _I,
)
SELLER_WE = compile_phrases(r"\b(?:we|we're|we've|we'd|we'll|we’re|we’ve|we’d|we’ll|our|ours)\b", _I)

# Things the reader has said or done that the writer refers to: a strong sign of a real reference.
REPORTED = compile_phrases(
    r"\byou(?:'ve| have)? (?:mentioned|said|wrote|described|shared|told|asked|posted|announced|noted|flagged|raised|"
    r"presented|published|listed|set|gave)\b"
    r"|\byour\b(?:[\s\w'’,-]{0,60}?)\b(?:says?|said|mentions?|mentioned|shows?|showed|lists?|listed|notes?|noted|"
    r"describes?|described|states?|stated|announced|promises?|promised|sets?|calls? for|reports?|reported|posted|"
    r"highlighted|flags?|flagged)\b",
    _I,
)
OBSERVED = compile_phrases(
    r"\b(?:I|we) (?:saw|see|noticed|read|heard|understand|came across|learned|spotted|caught|know|gather)\b"
    r"|\bcongrat\w*\b|\b(?:reading|according to|based on|looking at|per) (?:your|the)\b"
    r"|^\W*(?:saw|noticed|read|heard|spotted|caught|came across|looks like|sounds like|it sounds like|it looks like)\b",
    _I,
)
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
# A concrete detail is a digit (DIGIT) or one of these words. They are two patterns because
# a digit-or-words alternation has no literal every match contains: the words alone get the
# prefilter, and the digit test is one character scan.
DIGIT = regex.compile(r"\d")
SPECIFIC_WORDS = compile_phrases(
    rf"\b{MONTHS}\b|\bQ[1-4]\b|\b(?:spring|summer|fall|autumn|winter|fiscal|year-end)\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|"
    r"thousand|half|double|triple)\b",
    _I,
)
SITUATION = compile_phrases(
    r"\b(?:deadline|launch\w*|rollout|roll-out|go-live|cutover|migration|opening|expansion|acquisition|merger|audit|"
    r"renewal|hiring|search|openings?|roles?|posting|funding|round|budget|target|goal|plan|project|program|pilot|"
    r"initiative|rule|regulation|consolidation|move|relocation|rebrand|upgrade|transition|review|campaign|location|"
    r"site|plant|clinic|office|warehouse|branch|line|wing|facility|store|team|season|quarter|grant|application|bid|"
    r"permit|proposal|contract|trial|study|filing|certification|reopening|structure|build|construction|conversion|"
    r"implementation|integration|phase|shelter|garage|berth|fleet|route|system|cross-dock|reset|search|remodel|"
    r"renovation|buildout|build-out|tender|rfp|capital|raise|IPO|listing|license|accreditation|inspection)\b",
    _I,
)
NEWNESS = compile_phrases(
    r"\bcorrection\b|\bI (?:got|had) (?:one thing|something|it|that) wrong\b|\bturns out\b|\bI checked\b|\bsince (?:my|our|we|I) (?:last )?(?:note|email|message|spoke|talked|wrote|last)\b|\b(?:just|recently|yesterday|"
    r"this week|last week) (?:published|released|announced|changed|updated|moved|came out|reopened|passed|issued|"
    r"finalized|confirmed)\b|\bnew (?:information|data|numbers|rule|guidance|deadline|version|study|finding|report)\b"
    r"|\b(?:found out|learned|heard|noticed|spotted|saw) (?:that |yesterday|today|this week|last week)\b|\bupdate:|"
    r"\bone (?:more|other) thing\b|\b(?:has|have|was|were) (?:changed|moved|pushed|pulled forward|updated|extended)\b",
    _I,
)
PROMO = compile_phrases(
    r"\b\d+\s?% off\b|\bdiscount\b|\bfree (?:trial|implementation|onboarding|months?)\b|\blimited[- ]time\b"
    r"|\bsign (?:up )?(?:by|before|this)\b|\bpromo\w*\b|\bspecial (?:offer|pricing)\b",
    _I,
)
SITUATION_VERB = compile_phrases(
    r"\b(?:hiring|opening|opens|launch\w*|moving|heading into|planning|plans?|expanding|rolling out|adding|building|"
    r"consolidat\w*|merg\w*|joining|switching|replacing|retiring|bidding|applying|preparing|posted|announced|opened|"
    r"raised|filed|committed|commits|won|hired|signed|started|kicking off|kicks off|reopen\w*|acquir\w*|relocat\w*|"
    r"migrat\w*|upgrad\w*|going live|goes live|targets?|aims?|founded|breaking ground|broke ground|closing|closed)\b",
    _I,
)
MULTI_CAP = compile_phrases(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|&\s+|and\s+)?[A-Z][a-z]+)+|\b[A-Z][A-Za-z]{2,}(?:'s|’s)\b")
NAMED_SITUATION = compile_phrases(
    r"\bthe\s+(?:[A-Z][\w'’&-]*\s+){1,4}(?:[\w-]+\s+){0,2}?" + SITUATION.pattern.replace("\\b(?:", "(?:", 1),
    _I & 0,
)
REASON_YOU = compile_phrases(
    r"\b(?:since|because|given that|now that)\s+(?:you|your \w+)(?:'re|’re| are| have|'ve|’ve)?\s+(?:\w+\s+){0,2}?"
    r"(?:track|run|use|have|manage|operate|handle|plan|need|own|sell|ship|serve|cover|report|process|book|hire|bill)\w*\b",
    _I,
)
INDIRECT_QUESTION = compile_phrases(
    r"\b(?:curious|wondering|I'?d love to (?:know|hear|understand)|keen to (?:hear|know|understand))\b[^.!?]{0,40}?"
    r"\b(?:how|what|which|whether|if|where|when|why)\b",
    _I,
)
GOOD_LUCK = compile_phrases(r"\b(?:good luck|best of luck|all the best|hope [^.!?]{0,25} goes well) with (?:the|your)\b", _I)
LIST_MARKER = compile_phrases(r"^\s*(?:[-*•·–—▪◦✅✔☑➤►]|\d{1,2}[.)]|[a-z][.)])\s+")
PROPER_NOUN = compile_phrases(
    r"(?<=[a-z,;:]\s+|\s(?:in|at|for|on|from|with|of)\s+)(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"I|I'm|I'd|I'll|I've|LinkedIn|Twitter|Facebook|Instagram|Google|Zoom|CEO|CFO|CTO|COO|CMO|VP|AI|ROI|SaaS|B2B|CRM)\b)"
    r"[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*"
)
WEEKDAY = compile_phrases(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
PRAISE = compile_phrases(
    r"\b(?:loved|love|enjoyed|huge fan|big fan|impressed|impressive|amazing|awesome|fantastic|inspiring|insightful|"
    r"exciting times|crushing it|great work|innovative|one of the (?:most|best|top|leading))\b",
    _I,
)
CONDITIONAL_START = compile_phrases(r"^\W*(?:whenever|if|when|in case|should|once|as soon as)\b", _I)

MEETING = compile_phrases(
    r"\b(?:quick|brief|short|15[- ]minute|20[- ]minute|30[- ]minute|introductory|discovery|exploratory) "
    r"(?:call|chat|demo|meeting|conversation|sync|intro)\b"
    r"|\b(?:\d{1,2}|ten|fifteen|twenty|thirty|few|couple of) minutes (?:of your time|this week|next week|today|tomorrow|"
    r"on (?:\w+day|the phone|a call|zoom)|for a (?:call|chat|demo|conversation)|to (?:chat|talk|connect|discuss|show|learn|"
    r"hop|jump|walk you|see if|explore|find out|go over))\b"
    r"|\b(?:have|find|spare|grab|get|give me|love|welcome|borrow|take|steal|request|ask for) (?:just |only )?(?:\d{1,2}|ten|"
    r"fifteen|twenty|thirty|a few|a couple of) (?:minutes|mins)\b"
    r"|\b(?:hop|jump|get) on (?:a |the )?(?:call|phone|zoom)\b|\bgrab (?:some |a )?(?:time|coffee|call)\b"
    r"|\b(?:book|schedule|set up|find|put) (?:a |some )?(?:time (?:to|for|on)|call|meeting|demo|slot)\b"
    r"|\btouch base\b|\bconnect (?:this|next) week\b|\b(?:open|available|free) (?:to|for) (?:a |an )?(?:call|chat|meeting|"
    r"conversation|demo|intro)\b|\bworth a (?:quick|short|brief) (?:chat|call|conversation|look|demo)\b|\bsee if there'?s a fit\b"
    r"|\bshow you (?:around|how)\b|\bset up a (?:time|call)\b|\bwhat works best for your schedule\b"
    r"|\b(?:talk|chat|meet|connect) (?:this|next) (?:week|month)\b|\bsend over (?:a few|some) times\b"
    r"|\b(?:on|get on|onto) your calendar\b|\byour (?:calendar|availability)\b|\bwhat does your (?:week|schedule)\b|\bvirtual coffee\b|\b(?:15|20|30)[- ]?min\b|\bcalendar link\b"
    r"|\bfind a (?:time|slot)\b|\b(?:book|grab) (?:a )?(?:time|slot) (?:on|in) my calendar\b|\bwould love to connect\b"
    r"|\blet'?s connect\b|\b(?:Mon|Tues|Wednes|Thurs|Fri)day\b[^.?!]{0,30}\bor\b[^.?!]{0,20}"
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri)day\b|\b(?:Mon|Tues|Wednes|Thurs|Fri)day (?:at \d|morning|afternoon)"
    r"|\b(?:are you|would you be) (?:free|available)\b|\bwhen (?:works|suits|is good|would work)\b|\bwhat time\b",
    _I,
)
GATEKEEPER = compile_phrases(
    r"\b(?:right|best|correct|appropriate) person\b|\bwho (?:handles|is responsible for|owns|manages|oversees|makes)\b"
    r"|\bpoint me (?:to|toward|in the (?:right )?direction)\b|\b(?:reach out to|contact|speak (?:to|with)) someone else\b|\bwho (?:should|would) I (?:speak|talk) (?:to|with)\b",
    _I,
)
RHETORICAL = compile_phrases(
    r"\bwouldn'?t you\b|\bwhat if (?:I told you|you could|your)\b|\bimagine\b|\btired of\b|\bwhat would it take\b"
    r"|\bif I could show you\b|\bwho doesn'?t want\b|\bare you one of them\b|\bready to (?:make|take|see|get|unlock|"
    r"transform|start)\b|\bwant to (?:see|learn|know|find out) how\b|\bwould you (?:want|like) to (?:know|see|learn|hear)\b"
    r"|\bdo you want to (?:double|triple|grow|increase|boost|cut|save|close|hit)\b|\bgetting the most (?:out )?of\b"
    r"|\bsound (?:good|interesting|familiar)\b|\bleaving .{1,40} on the table\b|\bstruggling with\b"
    r"|\binterested in (?:learning|hearing|seeing) (?:more|how)\b|\bexploring what'?s possible\b"
    r"|\bdoes (?:this|that|any of this) resonate\b|\bopen to learning more\b|\bworth exploring\b"
    r"|\bsound(?:s)? like something\b|^\W*what if\b|\bwould (?:it be fair|you agree)\b|\bwouldn'?t you agree\b"
    r"|\bis it fair to say\b|\bam I (?:right|wrong)\b|\bI'?m (?:sure|guessing) you(?:'d| would) agree\b|\bwhat (?:do you have to lose|are you waiting for)\b",
    _I,
)
CHASE_ASK = compile_phrases(
    r"\bdid you (?:get|see|receive|have a chance|get a chance|happen)\b|\bany (?:thoughts|reaction|update|news|feedback)\b"
    r"|\bhad a chance\b|\bmy (?:last|previous|earlier|prior) (?:email|note|message|mail)\b|\bthoughts\?",
    _I,
)
INTEREST_ASK = compile_phrases(
    r"\bwould you be (?:open|interested|up for|willing)\b|\bare you (?:open|interested|available|free)\b"
    r"|\b(?:do|would) you have (?:time|a moment|a minute|\d+|any time)\b|\bcould we (?:talk|chat|meet|connect)\b"
    r"|\bcan I (?:send|show|share)\b|\bshall (?:I|we)\b|\bwould (?:it|this|that) (?:make sense|be worth)\b"
    r"|\bis (?:this|that|it) (?:something (?:you(?:'d|’d| would| might) (?:be )?(?:interested|want|like|consider)|"
    r"worth (?:exploring|discussing))|a priority|worth (?:a|exploring)|of interest)\b|\bwould you like\b|\bshould I\b"
    r"|\bdoes (?:\w+ ){0,3}(?:work|suit) (?:better|best|for you)\b|\bwhich (?:works|suits) (?:better|best)\b"
    r"|\bwould (?:\w+ ){0,4}work for you\b|\bcare to\b",
    _I,
)
INTERROGATIVE = compile_phrases(
    r"(?:^|[,:;—–]\s*)(?:\W*)(?:how|what|which|where|when|why|who|is|are|was|were|do|does|did|has|have|will|would|could|can|should)\b", _I
)
OFFER = compile_phrases(
    r"\b(?:happy|glad|can|could|I'll|I will|I'd be glad|I'd be happy) (?:to )?(?:send|share|forward|introduce|put you)\b"
    r"|\battached\b|\bhere'?s (?:the|a)\b|\bI'?ve (?:attached|put together|included|written up|pulled)\b|\bno strings\b"
    r"|\bif (?:it|that)(?:'s| is| would be| would)? (?:useful|helpful|help)\b|\bfree to use\b",
    _I,
)
SELF_PRAISE = compile_phrases(
    r"\b(?:industry|market|category)[- ]lead(?:ing|er)\b|\bbest[- ]in[- ]class\b|\bworld[- ]class\b|\baward[- ]winning\b"
    r"|(?<!\w)#1\b|\bnumber one\b|\b(?:the|a) (?:leading|premier|top|fastest[- ]growing|top[- ]rated|only) "
    r"(?:\w+[- ]){0,3}(?:provider|platform|solution|vendor|company|agency|firm|carrier|partner|tool|software|supplier)\b"
    r"|\btop[- ]rated\b|\bcutting[- ]edge\b|\bstate[- ]of[- ]the[- ]art\b|\bunparalleled\b|\bsecond to none\b"
    r"|\bgame[- ]chang\w+\b|\brevolutionary\b|\bwe pride ourselves\b|\bwhat sets us apart\b|\b(?:our )?(?:clients|customers) love us\b"
    r"|\b(?:named|recognized|ranked|voted|listed) (?:as )?(?:a |the |one of the )?(?:\w+ ){0,3}(?:leader|top|best|most|fast|"
    r"fastest|winner)s?\b|\b(?:won|earned|received) (?:\w+ ){0,3}awards?\b|\bleader in (?:the )?\w+"
    r"|\b(?:the |our )?(?:industry|market|world|nation|country)(?:'s|’s) (?:most|best|leading|fastest|largest|first|only)\b"
    r"|\bmost (?:advanced|powerful|comprehensive|trusted|innovative|complete|intuitive|robust|reliable) (?:\w+[- ]){0,3}"
    r"(?:solution|platform|tool|software|system|provider|product|service)\b"
    r"|\b(?:called|calls|named|rated|described) us\b|\bour (?:most powerful|best|biggest) (?:\w+ )?ever\b",
    _I,
)
SOCIAL_PROOF = compile_phrases(
    r"\btrusted by\b|\b(?:our|whose) (?:clients|customers|partners) include\b|\bfortune \d+\b"
    r"|\b(?:we'?ve|we have|has|have) (?:helped|served|worked with|partnered with) (?:over |more than |\d)[\d,]*\+?\s*\w*"
    r"|\b(?:over|more than) [\d,]+\+? (?:\w+ )?(?:companies|businesses|clients|customers|brands|teams|organizations|retailers|"
    r"restaurants|manufacturers|shippers|hospitals|schools|firms)\b"
    r"|\b[\d,]+\+ (?:companies|businesses|clients|customers|brands|teams|organizations)\b"
    r"|\bthousands of (?:businesses|companies|teams|customers|clients|brands|organizations)\b|\b(?:brands|companies|customers|clients|teams|names) (?:like|such as|including) (?-i:[A-Z])"
    r"|\b(?:\w+ )?(?:used|uses|chose|chooses|switched to|adopted|rolled out|implemented|deployed|relies on|rely on) our\b",
    _I,
)
GENERIC_CLAIM = compile_phrases(
    r"^\W*(?:most|many|all|every|the best|top|smart|leading|successful)\b[^.?!]{0,60}?\b(?:teams|leaders|companies|"
    r"businesses|organizations|operators|CMOs|CFOs|CEOs|CTOs|VPs|managers|reps|marketers|retailers|brands|firms|shops)\b"
    r"|^\W*\d+%\s+of\b",
    _I,
)
CHASE = compile_phrases(
    r"\b(?:just |simply )?(?:following|follow) up\b|\bcircl(?:ing|e) back\b|\bbump(?:ing)? (?:this|it|my)\b|\bbumping\b"
    r"|\bcheck(?:ing)? (?:back )?in\b|\bchecking back\b|\btouch(?:ing)? base (?:again|on my|once more)\b|\bfloat(?:ing)? (?:this|it)\b|\bresurfac\w+\b"
    r"|\bwanted to (?:make sure|see if) you (?:saw|got|had)\b|\bin case (?:it|this|my \w+) (?:got|was|slipped)\b"
    r"|\bwriting (?:again|back)\b|\btry(?:ing)? (?:once|one) more\b|\bone more (?:try|time|note)\b|\bnudg\w+\b"
    r"|\b(?:my|the) (?:note|email|message) below\b|\bas a reminder\b|\bsent (?:you )?(?:a |an )?(?:note|email|message)\b"
    r"|\bping(?:ing)? you\b|\bfloat(?:ing)? (?:this|it) (?:back )?up\b|\b(?:did|has) my (?:last|previous|earlier) "
    r"(?:note|email|message) (?:land|reach|get through|make it)\b|\bresend(?:ing)?\b|\bsending (?:this|it) again\b"
    r"|\btop of your inbox\b|\b(?:gentle|friendly|quick) reminder\b|\bjust a reminder\b|\bnot sure if my (?:last )?"
    r"(?:note|email|message)\b|\bper my (?:last|previous)\b|\bmy (?:last|previous|earlier|prior) (?:note|email|message)\b"
    r"|\b(?:coming|circling|looping|getting) back (?:to|on) (?:this|my|you)\b|\bstill (?:keen|hoping|eager|interested) to "
    r"(?:connect|chat|talk|hear|meet)\b|\blast reminder\b|\breminder from me\b|\bI'?d written (?:to you )?about\b"
    r"|\bopened my (?:last|previous|earlier|emails?|notes?)\b|\bmy (?:last|previous|earlier) (?:\w+ )?(?:emails|notes|messages)\b|\bin case you missed\b",
    _I,
)
ATTEMPTS = compile_phrases(
    r"\bdid you (?:get|see|receive|happen to see) my (?:last|previous|earlier|prior|other)? ?(?:email|note|message|mail)s?\b"
    r"|\b(?:I've|I have|I)\s+(?:tried|attempted|been trying) (?:to )?(?:reach|contact|get hold of|connect with|call|email)\w*\b"
    r"|\b(?:I've|I have)\s+(?:reached out|written (?:to )?you|emailed you|sent (?:you )?(?:a (?:few|couple of)|several|\w+) (?:notes|emails|messages))\b"
    r"|\b(?:written|emailed|reached out|called) (?:you )?(?:twice|three times|several times|a few times|a couple of times|"
    r"multiple times|repeatedly)\b|\b(?:haven't|have not|didn't|did not) (?:heard|hear) (?:back|from you)\b"
    r"|\bno (?:response|reply) (?:yet|so far)\b|\bsent (?:you )?(?:a note|an email|a message|it)\b[^.?!\n]{0,60}\b(?:ago|again|"
    r"last \w+|on the \d+\w*)\b|\bmake sure (?:it|my (?:last )?(?:email|note|message)) (?:didn't|did not) get (?:lost|buried)\b"
    r"|\b(?:in case|if) (?:it|this|my (?:last )?(?:email|note)) (?:got|was) (?:lost|buried)\b|\bmake sure you (?:saw|got|received)\b"
    r"|\bany reaction\b|\bsince we (?:met|spoke)\b[^.?!\n]{0,60}\bhaven't\b",
    regex.I,
)

GUILT = compile_phrases(
    r"\bclose (?:out )?(?:your|the) file\b|\b(?:I'll|I will|I'm going to|I am going to|should I) (?:go ahead and )?"
    r"(?:assume|take it)\b[^.?!\n]{0,60}\b(?:not interested|not a priority|isn't a priority|bad time|busy|no longer)\b"
    r"|\bshould I (?:stop|give up|close|take you off|remove you)\b|\b(?:stop|quit) (?:bothering|pestering|reaching out|emailing)\b"
    r"|\bdon't want to (?:be a pest|keep bothering|bother you|pester|keep chasing|be annoying)\b|\bkidnapped\b|\babducted\b"
    r"|\beaten by\b|\blost at sea\b|\bfallen off the (?:face of the )?(?:earth|planet)\b|\bbreak ?up (?:email|note)\b"
    r"|\bpermission to close\b|\blast (?:email|note|message|attempt) unless\b|\bunless I hear (?:back )?from you\b"
    r"|\bI'll (?:take|interpret) (?:your )?silence\b|\btake the hint\b|\btake (?:that|this|your silence) as a\b"
    r"|\b(?:stop|quit) bugging\b|\bbugging you\b|\bpestering you\b|\byou(?:'ve| have) gone (?:quiet|dark|silent)\b"
    r"|\bghost(?:ed|ing)\b|\bhaven't given up\b|\bis this (?:still )?a priority or\b",
    regex.I,
)

PRESSURE = compile_phrases(
    r"\blet me know either way\b|\b(?:a |any )?(?:reply|response|answer|word) either way\b|\beither way,? (?:let me know|"
    r"just reply|please reply)\b|\b(?:even |just )?a (?:simple |quick |short |one-word |one word )(?:yes or no|yes/no|"
    r"reply|answer|response)\b|\b(?:reply|respond|get back to me) by (?:\w+day|tomorrow|end of (?:day|week)|EOD|EOW|the \d+)"
    r"|\bif I don'?t hear (?:back|from you)\b|\bhear (?:back )?from you (?:by|before)\b|\b(?:hate|don'?t want) "
    r"(?:for )?you to miss\b|\bI'll (?:keep an eye out|check back|follow up again|"
    r"keep following up|keep trying|try you again|circle back)\b|\bwhere things stand\b|\bwhether (?:to|I should) keep (?:this|you|following|reaching|trying|writing|it on)\b"
    r"|\bI'll keep (?:\w+ ){0,2}(?:on my list|following up|reaching out|trying)\b|\bplease (?:reply|respond|get back to me)\b"
    r"|\blooking forward to (?:your|hearing) (?:reply|response|back)\b|\bwould (?:really |greatly )?appreciate "
    r"(?:a|your) (?:quick |short |prompt )?(?:reply|response|answer)\b|\b(?:awaiting|waiting (?:for|on|to hear)) "
    r"(?:your |a )?(?:reply|response|answer|back)\b|\ba quick (?:yes|no)\b|\b(?:a )?yes or (?:a )?no\b(?: (?:is|would be) "
    r"(?:fine|great|perfect|enough))?|\bplease advise\b",
    regex.I,
)

SELF_INTRO = compile_phrases(
    r"\b(?:I'?m|I am) (?:with|from|at|the \w+ (?:at|of))\s+(?P<org>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"
    r"|\b(?:here )?at (?P<org2>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}),\s+(?:we|our)\b"
    r"|\b(?:work|lead \w+|run \w+) (?:at|for) (?P<org3>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"
    r"|\b(?:Meet|With|Introducing) (?P<org4>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2})[,.!]"
    r"|\b(?:We'?re|We are) (?P<org5>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}),",
)
_LEADING_CLAUSE = compile_phrases(
    r"^(?:(?:a little about us|about us|as a reminder|as I (?:mentioned|said|noted)|as mentioned|as noted|as always|"
    r"in case you missed (?:it|my \w+ \w+)|to recap|quick recap|recap|since (?:I|we) (?:last )?(?:wrote|spoke|talked)|"
    r"since then|today|recently|last (?:month|year|week|quarter)|"
    r"this (?:year|month)|in short|over the (?:past|last) \w+(?: \w+)?|for over \w+ \w+|for \w+ years|"
    r"(?:\w+ ){1,3}later|at [A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}|with [A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2}|"
    r"what sets us apart|whether you need [^,]{0,60}|plus|also|and|but|so|that's why|that is why|in fact)\s*[:,]?\s*)+",
    _I,
)
CREDENTIALS = compile_phrases(
    r"\b(?:\d+|over \d+|more than \d+)\+? (?:years|decades) (?:of experience|in business|in the (?:industry|business))\b"
    r"|\bdatabase of\b|\bnetwork of (?:over |more than )?\d|\bteam of (?:over |more than )?\d+|\b(?:founded|established|"
    r"started) in (?:\d{4}|a garage)\b|\bheadquartered\b|\boffices in\b|\bcombined \d+ years\b|\b\d+% (?:retention|"
    r"satisfaction|placement|success|on-time)\b",
    _I,
)
_ATTRIBUTION = compile_phrases(r"\bOn\b[^\n]{0,120}?,\s*(?P<name>[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+)*\s*(?:<[^>\n]*>)?\s*wrote:", regex.M)
CLAUSE_SELLER = compile_phrases(
    r"(?:^|[,;:—–]\s*|\b(?:that|and|but|so|because|since|while|which)\s+)(?:we(?:'ve|’ve|'re|’re|'d|'ll| have| are| were| had|"
    r" just| also| now| recently)?\b|our\s+\w+)|\b(?:for|help|helps|helped|let|lets|allow|allows|join|joined) us\b",
    _I,
)
SELLER_START = compile_phrases(
    r"^\W*(?:we|we're|we've|we'd|we'll|we’re|we’ve|our|us)\b|^\W*(?:my name is|I'?m \w+ (?:\w+ )?(?:with|from)|I (?:lead|run|founded|"
    r"started|head|manage|am the|have been|'ve been)\b|I'?m (?:reaching out|writing) (?:from|on behalf))",
    _I,
)
_TITLE_WORDS = compile_phrases(
    r"\b(?:CEO|CTO|CFO|COO|CMO|VP|SVP|EVP|President|Director|Manager|Head|Lead|Partner|Founder|Co-?founder|Owner|"
    r"Specialist|Consultant|Executive|Representative|Rep|Associate|Engineer|Account|Sales|Business|Development|"
    r"Senior|Principal|Chief|Officer|Advisor|Adviser|Analyst|Coordinator|Team|The|CPA|PhD|MD|Esq|Clinical|Regional|of|and)\b\.?",
)


@dataclass
class SentenceInfo:
    """How one sentence reads, from the buyer's side."""

    sentence: Sentence
    seller_subject: bool = False
    seller_focus: bool = False
    reader_specific: bool = False
    genuine_question: bool = False
    meeting_ask: bool = False
    chase: bool = False
    adds_value: bool = False
    self_praise: bool = False


@dataclass
class Analysis:
    """Per-email result of the classification, shared by all rules through ``Document.memo``."""

    sentences: list[SentenceInfo] = field(default_factory=list)
    seller_names: list[str] = field(default_factory=list)

    @property
    def engages_reader(self) -> bool:
        """True when some sentence refers to the reader's situation or asks about it."""
        return any(s.reader_specific or s.genuine_question for s in self.sentences)


def analyze(doc: Document) -> Analysis:
    """The shared analysis of ``doc`` (computed once per document)."""
    return doc.memo("buyer-signals", _analyze)


def replies_to_reader(doc: Document) -> bool:
    """True when the email answers a quoted message written by someone other than the sender."""
    if not doc.quoted:
        return False
    m = _ATTRIBUTION.search(doc.view, doc.quoted[0].start, min(len(doc.view), doc.quoted[0].start + 400))
    if m is None or doc.signature is None:
        return False
    sig = doc.view[doc.signature.start : doc.signature.end].split()
    signoff_line = doc.view[doc.signoff.start : doc.signoff.end] if doc.signoff else ""
    sender = sig[0] if sig else signoff_line.split()[-1] if signoff_line.split() else ""
    return bool(sender) and m.group("name").strip(".,") != sender.strip(".,")


# Pieces of seller_names, compiled once (a module-level regex call looks its pattern up each time).
_SIGNATURE_SEPARATOR = regex.compile(r"\s*(?:,|\||–|—|·| - | at |@)\s*")
_CAPITAL = regex.compile(r"[A-Z]")
_NOT_A_NAME = regex.compile(r"\d|www|http|\.")
_TRAILING_WORD = regex.compile(r"\s+(?:and|the|a|to|for|in|on|we|our|I'm|I)$")
_CAMEL_CASE = regex.compile(r"[a-z][A-Z]")


def seller_names(doc: Document) -> list[str]:
    """Names the sender uses for itself: company names from the signature and self-introductions."""
    names: set[str] = set()
    if doc.signature is not None:
        lines = [ln.strip() for ln in doc.view[doc.signature.start : doc.signature.end].splitlines() if ln.strip()]
        for line in lines[1:] if len(lines) > 1 else []:
            for part in _SIGNATURE_SEPARATOR.split(line):
                part = part.strip(" ,.-")
                only_titles = not _TITLE_WORDS.sub("", part).strip(" ,.-&")
                if part and not only_titles and _CAPITAL.match(part) and not _NOT_A_NAME.search(part):
                    names.add(part)
    text = doc.prose.replace(MERGE_CHAR, " ")
    for m in SELF_INTRO.finditer(text):
        org = next((g for g in m.groups() if g), None)
        if org:
            org = org.split(". ")[0]
            org = _TRAILING_WORD.sub("", org.strip(" .,"))
            if org and org.lower() not in {"i", "we", "the", "a"}:
                names.add(org)
    for name in list(names):
        first = name.split()[0]
        # Short forms of multi-word company names ("SteelSpan" for "SteelSpan Storage").
        if " " in name and (len(first) >= 6 or _CAMEL_CASE.search(first)) and first.lower() not in _COMMON:
            names.add(first)
    # Longest first (an alternation tries them in order); ties in a fixed order, not the set's.
    return sorted((n for n in names if _plausible_name(n)), key=lambda n: (-len(n), n))


_COMMON = frozenset({"new", "the", "best", "thanks", "team", "sales", "hello", "regards", "cheers", "and"})


def _plausible_name(name: str) -> bool:
    words = name.split()
    return len(name) >= 4 and len(words) <= 5 and not all(w.lower() in _COMMON for w in words)


@dataclass(frozen=True)
class _SellerNames:
    """The sender's names as patterns: anywhere, and as the subject of a clause."""

    pattern: regex.Pattern[str]
    clause: regex.Pattern[str]


@functools.lru_cache(maxsize=512)
def _name_patterns(names: tuple[str, ...]) -> _SellerNames | None:
    if not names:
        return None
    alternation = r"\b(?:" + "|".join(regex.escape(n) for n in names) + r")\b"
    return _SellerNames(regex.compile(alternation), regex.compile(r"(?:^|[,;:]\s*|\bthat\s+)(?:" + alternation + ")"))


def _analyze(doc: Document) -> Analysis:
    names = seller_names(doc)
    patterns = _name_patterns(tuple(names))
    out = Analysis(seller_names=names)
    for s in doc.sentences:
        out.sentences.append(_classify(doc, s, patterns))
    return out


def mentions_seller(text: str, name_re: regex.Pattern[str] | None) -> bool:
    """True when the text names the sender's company or uses we/our/us."""
    return bool(SELLER_PRONOUN.search(text) or (name_re is not None and name_re.search(text)))


def _strip(text: str, patterns: list[PhrasePattern | regex.Pattern[str]]) -> str:
    for p in patterns:  # found in the text: no prefilter to run first
        text = (p.compiled if isinstance(p, PhrasePattern) else p).sub(" ", text)
    return text


# The patterns _classify asks about join the shared scan whatever texts they first run on:
# one scan of each sentence answers for all of them, and for the rules that search it too.
shared_scan().register(p for p in list(globals().values()) if isinstance(p, PhrasePattern))


class _Probe:
    """Searches one text, running each pattern at most once, and only if the prefilters say it may match."""

    __slots__ = ("_folded", "_hits", "_maybe", "_members", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = fold(text)
        self._hits: dict[int, bool] = {_NONE: False}
        shared = shared_scan()
        self._maybe = shared.answer(self._folded)  # None: not built yet, or a short text
        self._members = shared.members if self._maybe is not None else frozenset()

    def __call__(self, pattern: PhrasePattern | regex.Pattern[str] | None) -> bool:
        hit = self._hits.get(id(pattern))
        if hit is None:
            hit = self._hits[id(pattern)] = self._search(pattern)  # type: ignore[arg-type]  # None is in _hits
        return hit

    def _search(self, pattern: PhrasePattern | regex.Pattern[str]) -> bool:
        if not isinstance(pattern, PhrasePattern):
            return pattern.search(self.text) is not None
        maybe = self._maybe
        if maybe is not None and id(pattern) in self._members:  # the scan answers for the branches too
            return id(pattern) in maybe and pattern.found_in(self.text, self._folded, filtered=True, hits=maybe)
        return pattern.found_in(self.text, self._folded)

    def may(self, pattern: PhrasePattern) -> bool:
        """False when the shared scan proves ``pattern`` finds nothing in the text, or in any part of it."""
        maybe = self._maybe
        return maybe is None or id(pattern) in maybe or id(pattern) not in self._members


_NONE = id(None)  # has(None): a pattern the email does not have (no seller names) finds nothing


# "Imagine ..." as the sentence's opening word: a pitch; "I imagine your team ..." is not.
IMAGINE_START = regex.compile(r"\W*imagine\b", _I)
_OR = regex.compile(r",? or\b")


def _classify(doc: Document, s: Sentence, names: _SellerNames | None) -> SentenceInfo:
    text = LIST_MARKER.compiled.sub("", s.text.replace(MERGE_CHAR, ""))  # no required strings: no filter to run
    info = SentenceInfo(s)
    has = _Probe(text)
    # The core is the text or a part of it, so a pattern the scan rules out for the text finds nothing there either.
    core = _LEADING_CLAUSE.compiled.sub("", text, count=1) if has.may(_LEADING_CLAUSE) else text
    name_re = names.pattern if names is not None else None
    starts_with_name = bool(name_re is not None and name_re.match(core.lstrip(" \"'“")))
    info.seller_subject = (has.may(SELLER_START) and SELLER_START.compiled.search(core) is not None) or starts_with_name
    info.self_praise = has(SELF_PRAISE) or has(SOCIAL_PROOF)
    has_reader = has(READER_ANY)
    possessive = has(READER_POSSESSIVE)
    has_seller = has(SELLER_PRONOUN) or has(name_re)
    in_list = doc.paragraphs[s.paragraph].is_list if s.paragraph < len(doc.paragraphs) else False
    info.meeting_ask = has(MEETING)
    pressure = has(ATTEMPTS) or has(GUILT) or has(PRESSURE)
    info.chase = has(CHASE) or pressure or (s.is_question and has(CHASE_ASK))
    offer = has(OFFER)
    generic_you = has(LIKE_YOURS)
    reported = has(REPORTED)
    seller_focus = info.seller_subject and (not possessive or generic_you)
    seller_focus = seller_focus or info.self_praise or has(CREDENTIALS)
    if not seller_focus and not has_reader:
        two_we = has.may(SELLER_WE) and len(SELLER_WE.compiled.findall(text)) >= 2
        seller_focus = two_we or has(CLAUSE_SELLER) or has(names.clause if names else None)
    info.seller_focus = seller_focus and not offer and not reported
    # What is concrete in the sentence once the sender's own names, merge fields, meeting
    # slots and weekdays are taken out: a number, a date, a named thing, a quotation.
    # (A pattern that finds nothing in the text has nothing to take out: has() answers that from the shared scan.)
    stripped = [p for p in (name_re, WEEKDAY, MEETING, CHASE, ATTEMPTS) if p is not None and has(p)]
    clean_text = _strip(text, stripped)
    clean_has = has if clean_text == text else _Probe(clean_text)  # nothing taken out: same answers
    clean = clean_has.text
    strong = clean_has(DIGIT) or clean_has(SPECIFIC_WORDS)
    proper = clean_has(PROPER_NOUN)
    specific = strong or proper or "\"" in clean or "“" in clean
    rhetorical = RHETORICAL.search(text) if has(RHETORICAL) else None  # has(): the shared scan first
    if rhetorical is not None and rhetorical.group(0).lower() == "imagine" and not IMAGINE_START.match(text):
        rhetorical = None
    generic = has(GENERIC_CLAIM) or rhetorical is not None or generic_you
    gatekeeper = has(GATEKEEPER)
    excluded = generic or gatekeeper or info.self_praise or has(GUILT)
    if not excluded:
        excluded = has(PRAISE) and not clean_has(DIGIT)  # generic flattery
    if not excluded:
        situation = clean_has(SITUATION)
        named = proper or clean_has(MULTI_CAP)
        reader_specific = reported or (
            not info.seller_subject
            and (
                (specific and not has_seller and has(OBSERVED))
                or (
                    possessive
                    and specific
                    and not ((has_seller and not possessive) or info.self_praise)
                    and not info.meeting_ask
                    and not pressure
                    and not (has(CONDITIONAL_START) and not named)
                )
            )
        )
        if not reader_specific and not info.seller_subject and not info.seller_focus and not pressure:
            # The reader named in the third person: an organization that is not the sender,
            # doing something about its own situation, with a concrete detail.
            org_fact = named and strong and (clean_has(SITUATION_VERB) or situation) and not in_list
            named_situation = clean_has(NAMED_SITUATION) and not in_list
            about = org_fact or named_situation or has(REASON_YOU) or (has(GOOD_LUCK) and situation)
            reader_specific = about and (not has_seller or has_reader)
        if not reader_specific and info.chase and specific and situation and not has_seller and not pressure:
            reader_specific = True
        info.reader_specific = reader_specific
    indirect = not s.is_question and has_reader and has(INDIRECT_QUESTION)
    info.genuine_question = (
        (s.is_question or indirect)
        and not in_list
        and (has_reader or (proper and not has_seller) or bool(_OR.search(core)))
        and (indirect or (has.may(INTERROGATIVE) and INTERROGATIVE.compiled.search(core) is not None))
        and not (info.meeting_ask or generic or info.chase or gatekeeper or has(INTEREST_ASK))
        and not (has_seller and not possessive)
        and len(text.split()) >= 6
    )
    # New value: a resource or offer, something marked as new, or an insight about others'
    # experience with a concrete detail. Restating the reader's own situation is not new.
    info.adds_value = (
        not info.chase
        and not info.seller_focus
        and not info.self_praise
        and not info.meeting_ask
        and not (has_seller and not has_reader and not offer)
        and not generic
        and (offer or has(NEWNESS) or (specific and not info.reader_specific and not has_reader))
        and not has(PROMO)
    )
    return info
