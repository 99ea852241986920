using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static StarsStudio.Features.Catalog.Copy.FindingSeverity;

namespace StarsStudio.Features.Catalog.Copy;

/// <summary>
/// Reads a paid action's buyer-facing copy the way a buyer would and says, in plain words, what will confuse them
/// or what Telegram will refuse. Pure and fast (no I/O, no state): safe to call on every keystroke.
/// </summary>
public static class CopyCoach
{
    public const int MaxTitleLength = 32;
    public const int MaxDescriptionLength = 255;
    public const int MinPromiseWords = 4;

    /// <summary>Telegram's real per-invoice maximum is unverified; 10,000 is our default cap (see TELEGRAM-STARS.md).</summary>
    public const int DefaultMaxStars = 10_000;

    public static IReadOnlyList<CopyFinding> Review(CopyInput input) => Review(input, DefaultMaxStars);

    public static IReadOnlyList<CopyFinding> Review(CopyInput input, int maxStars)
    {
        ArgumentNullException.ThrowIfNull(input);
        var draft = new Draft(input);

        CheckField(draft, CopyField.Title, draft.Title, MaxTitleLength);
        CheckField(draft, CopyField.Description, draft.Description, MaxDescriptionLength);
        CheckField(draft, CopyField.Promise, draft.Promise, maxLength: null);
        CheckPromiseIsSpecific(draft);
        CheckCreditExpiryIsStated(draft);
        CheckInvoiceCarriesTheCard(draft);
        CheckTitleIsNotShouting(draft);
        CheckPrice(draft, maxStars);
        CheckOfferClaims(draft);

        var findings = draft.Findings
            .OrderBy(f => Array.IndexOf(FieldOrder, f.Field))
            .ThenByDescending(f => f.Severity)
            .ToList();
        foreach (var translation in input.Translations.Where(t => t.HasText && t.Language != input.Language))
            findings.AddRange(ReviewTranslation(input, translation));
        return findings;
    }

    /// <summary>
    /// A translation is checked like the default text, field by field where it is written (a blank field is the
    /// default text, already checked): Telegram's limits, developer labels and blanks in every language; the
    /// word lists (vague promises, paid media, subscriptions) wherever they have words for that language.
    /// </summary>
    private static IEnumerable<CopyFinding> ReviewTranslation(CopyInput input, CopyTranslation t)
    {
        var draft = new Draft(input with { Title = t.Title ?? "", Description = t.Description ?? "", Promise = t.Promise ?? "", Language = t.Language });
        if (draft.Title.Length > 0) CheckField(draft, CopyField.Title, draft.Title, MaxTitleLength);
        if (draft.Description.Length > 0) CheckField(draft, CopyField.Description, draft.Description, MaxDescriptionLength);
        if (draft.Promise.Length > 0) CheckField(draft, CopyField.Promise, draft.Promise, maxLength: null);
        CheckPromiseIsSpecific(draft);
        CheckTitleIsNotShouting(draft);
        CheckOfferClaims(draft);
        var name = Languages.BuyerLanguages.Find(t.Language)?.EnglishName ?? t.Language;
        return draft.Findings
            .OrderBy(f => Array.IndexOf(FieldOrder, f.Field))
            .ThenByDescending(f => f.Severity)
            .Select(f => f with { Why = $"{name}: {f.Why}", Language = t.Language });
    }

    /// <summary>Languages the word lists (concrete things, vague promises) know; elsewhere only language-free rules run.</summary>
    private static bool KnowsWords(string language) => language is Languages.BuyerLanguages.English or "ru";

    /// <summary>Only Problems block launch; Warnings are advice the creator may overrule.</summary>
    public static bool CanGoLive(IReadOnlyList<CopyFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return !findings.Any(f => f.Severity == Problem);
    }

    // Declared before the tables below: static fields initialise in text order.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly string[] FieldOrder = [CopyField.Title, CopyField.Description, CopyField.Promise, CopyField.Price];

    // ---------------------------------------------------------------------------------------------------------
    // The phrase table. Each row: code, severity, pattern, why (with {0} = the words found), kind of suggestion.
    // Add a row to teach the coach something new; the checks below never need to change.
    // ---------------------------------------------------------------------------------------------------------
    private static readonly PhraseRule[] PhraseRules =
    [
        // Vague promises: the buyer can't tell what arrives after paying. "Not what I expected" is what turns
        // into /paysupport disputes, and unresolved disputes can cost the Stars or the bot.
        new(CopyCodes.VaguePromise, Warning,
            Phrase("premium access", "premium content", "premium features", "unlock more", "unlock everything",
                   "support the bot", "support me", "get extra content", "extra content", "exclusive content",
                   "more content", "special access", "full access"),
            "“{0}” doesn't say what the buyer actually receives.", Advice.SayWhatTheyGet),

        // The same in Russian (stems, so every case ending matches).
        new(CopyCodes.VaguePromise, Warning,
            Phrase(@"премиум[- ]?(?:доступ|контент|функци)\w*", @"эксклюзивн\w* (?:контент|материал)\w*", @"полн\w* доступ\w*",
                   @"особ\w* доступ\w*", @"специальн\w* доступ\w*", @"доступ ко всему", @"(?:больше|дополнительн\w*|доп\.?) (?:контент|материал)\w*",
                   @"поддерж\w* (?:бота|меня|автора|проект\w*|канал\w*)", @"(?:открыть|разблокировать) (?:всё|все|больше)"),
            "“{0}” doesn't say what the buyer actually receives.", Advice.SayWhatTheyGet),

        // A bare "premium", "VIP" or "bonus" is fine once the same line names the thing ("bonus chapter PDF").
        new(CopyCodes.VaguePromise, Warning,
            Phrase("premium", "vip", "bonus", "perks", "goodies"),
            "“{0}” on its own doesn't say what the buyer gets.", Advice.SayWhatTheyGet, OnlyWhenNothingConcrete: true),

        new(CopyCodes.VaguePromise, Warning,
            Phrase("премиум", "вип", @"бонус\w*", @"плюшк\w*", @"ништяк\w*"),
            "“{0}” on its own doesn't say what the buyer gets.", Advice.SayWhatTheyGet, OnlyWhenNothingConcrete: true),

        // Blanks never filled in: the buyer would see them verbatim, so the action can't go live with them.
        new(CopyCodes.LeftoverPlaceholder, Problem,
            Code(@"\{[^{}\r\n]*\}|(?<!\w)(?:null|undefined|NaN)(?!\w)"),
            "“{0}” is a blank that was never filled in; buyers would see it exactly like that.", Advice.FillBlank),

        // Telegram's currency code leaks into copy from the API docs; buyers only know "Stars".
        new(CopyCodes.DeveloperLabel, Warning,
            Phrase("xtr"),
            "“{0}” is Telegram's internal currency code; buyers know it as Stars.", Advice.SayStars),

        // Internal product codes (SKU-123, PRD_01, A1B2C3) make the offer look unfinished, or like a scam.
        new(CopyCodes.DeveloperLabel, Warning,
            Code(@"\b[A-Z]{2,5}[-_]\d{1,8}\b|\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{6,}\b"),
            "“{0}” looks like an internal product code; buyers don't know it.", Advice.UseBuyerWords),

        // CONSTANT_NAMES come from code, not from a person talking to a buyer.
        new(CopyCodes.DeveloperLabel, Warning,
            Code(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),
            "“{0}” looks like a name from the bot's code, not words for a buyer.", Advice.UseBuyerWords),

        // Developer vocabulary: true for the creator's tools, meaningless (or alarming) to a buyer.
        new(CopyCodes.DeveloperLabel, Warning,
            Phrase("payload", "callback", "execute", "validation", "invoice_id", "api", "webhook", "endpoint", "json"),
            "“{0}” is developer language; buyers don't need it to decide.", Advice.UseBuyerWords),

        // Photo/video unlocks are Telegram paid media (sendPaidMedia): blurred in the chat, unlocked in place,
        // up to 25,000 Stars. A paid action would make the buyer pay first and wait for a separate message.
        new(CopyCodes.PaidMediaInstead, Warning,
            Phrase("unlock (?:the |my |this |a |an )?(?:photos?|pics?|pictures?|videos?|clips?|media|nudes?)",
                   "(?:exclusive|private|spicy) (?:photos?|pics?|pictures?|videos?|clips?)",
                   "see the (?:photos?|pics?|pictures?|videos?)", "nudes?"),
            "“{0}” sounds like a photo or video unlock. Telegram sells those as paid media, not as a paid action.",
            Advice.UsePaidMedia),

        new(CopyCodes.PaidMediaInstead, Warning,
            Phrase(@"(?:открыть|откроешь|откроете|разблокир\w*) (?:мои |эти |это )?(?:фото\w*|видео\w*|медиа|снимк\w*|нюдс\w*)",
                   @"(?:эксклюзивн|приватн|личн|откровенн|горяч)\w* (?:фото\w*|видео\w*|снимк\w*|ролик\w*)",
                   @"посмотреть (?:фото\w*|видео\w*)", @"нюдс\w*"),
            "“{0}” sounds like a photo or video unlock. Telegram sells those as paid media, not as a paid action.",
            Advice.UsePaidMedia),

        // A paid action is charged once. Promising renewals the bot will never bill is misleading, so it blocks.
        new(CopyCodes.SubscriptionInstead, Problem,
            Phrase("subscriptions?", "per (?:day|week|month|year)", "every (?:day|week|month|year)", "renews?",
                   "renewals?", "recurring", "auto-?renew(?:s|al|ing)?"),
            "“{0}” promises something that repeats, but a paid action is paid once. Repeating access is a Star Subscription.",
            Advice.UseSubscription),

        new(CopyCodes.SubscriptionInstead, Problem,
            Phrase(@"подписк\w*", @"(?:авто)?продлени\w*", @"продлева\w*", @"(?:каждый|раз в) (?:день|месяц|год)", "каждую неделю",
                   "в (?:неделю|месяц|год)", @"регулярн\w* (?:платеж|платёж|списани|оплат)\w*", @"ежемесячн\w* (?:платеж|платёж|списани|оплат)\w*"),
            "“{0}” promises something that repeats, but a paid action is paid once. Repeating access is a Star Subscription.",
            Advice.UseSubscription),

        // "Monthly" can describe the content ("monthly budget planner"), so it only advises.
        new(CopyCodes.SubscriptionInstead, Warning,
            Phrase("monthly", "weekly", "yearly", "annual"),
            "“{0}” can read like a subscription, but a paid action is paid once. Repeating access is a Star Subscription.",
            Advice.UseSubscription),

        new(CopyCodes.SubscriptionInstead, Warning,
            Phrase(@"ежемесячн\w*", @"еженедельн\w*", @"ежегодн\w*"),
            "“{0}” can read like a subscription, but a paid action is paid once. Repeating access is a Star Subscription.",
            Advice.UseSubscription),
    ];

    /// <summary>Something a buyer can picture receiving: a number, a /command or a deliverable noun.</summary>
    private static readonly Regex Concrete = Phrase(
        @"\d+", "one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|dozen|single",
        @"/\w+",
        "pdfs?|files?|e-?books?|books?|guides?|plans?|checklists?|lists?|templates?|credits?|uses?|reports?|readings?|"
        + "reviews?|calls?|sessions?|lessons?|courses?|chapters?|recipes?|workouts?|audio|mp3|zip|spreadsheets?|sheets?|"
        + "presets?|keys?|codes?|links?|answers?|feedback|consultations?|critiques?|analys[ie]s|summar(?:y|ies)|"
        + "translations?|portraits?|drawings?|songs?|texts?|scripts?|prompts?|tips|horoscopes?|menus?|maps?",
        // Russian: numbers and deliverable nouns by stem.
        @"один|одна|одно|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двенадцать|двадцать|сто|тысяч\w*|дюжин\w*",
        @"пдф|файл\w*|книг\w*|электронн\w* книг\w*|гайд\w*|руководств\w*|план\w*|чек-?лист\w*|спис(?:ок|к)\w*|шаблон\w*|кредит\w*|"
        + @"использовани\w*|запрос\w*|генераци\w*|отч[её]т\w*|разбор\w*|расклад\w*|консультаци\w*|созвон\w*|звон(?:ок|к)\w*|сесси\w*|урок\w*|"
        + @"курс\w*|глав\w*|рецепт\w*|тренировк\w*|аудио|таблиц\w*|пресет\w*|ключ\w*|код\w*|ссылк\w*|ответ\w*|совет\w*|перевод\w*|"
        + @"портрет\w*|рисун\w*|песн\w*|текст\w*|скрипт\w*|промпт\w*|гороскоп\w*|меню|карт\w*|видеоурок\w*|инструкци\w*|доступ к \w+ (?:файл|курс|гайд)\w*");

    /// <summary>How a credit pack's copy can say the credits don't last forever.</summary>
    private static readonly Regex MentionsExpiry = Phrase(@"days?", "weeks?", "months?", @"expir\w*", "valid", "until",
        @"дн(?:я|ей|и)", "день", @"недел\w*", @"месяц\w*", @"срок\w*", @"действу\w*", @"истека\w*", @"сгора\w*");

    private static void CheckField(Draft d, string field, string text, int? maxLength)
    {
        if (text.Length == 0)
        {
            var (suggestion, replacement) = SayWhatTheyGet(d, field);
            d.Add(field, Problem, CopyCodes.Empty, field switch
            {
                CopyField.Title => "The title is empty. Telegram needs 1–32 characters for the invoice title.",
                CopyField.Description => "The description is empty. Telegram needs 1–255 characters for the invoice.",
                _ => "The promise is empty. Buyers read “After paying, you get …” to decide whether to pay.",
            }, suggestion, replacement);
            return;
        }

        var length = LengthOf(text);
        if (maxLength is { } max && length > max)
        {
            var shorter = Shorten(text, max);
            d.Add(field, Problem, CopyCodes.TooLong,
                $"The {field.ToLowerInvariant()} is {length} characters; Telegram allows at most {max}, so the invoice can't be sent.",
                shorter.Length > 0 ? shorter : $"Cut it to {max} characters or fewer.", shorter.Length > 0);
        }

        // One finding per code: the most serious match explains it, other matches of the same code are listed,
        // so "Use this" never hands back a line that still trips the same check.
        var concrete = Concrete.IsMatch(text);
        foreach (var byCode in PhraseRules.GroupBy(r => r.Code))
        {
            var hits = byCode
                .Where(rule => !(rule.OnlyWhenNothingConcrete && concrete))
                .SelectMany(rule => rule.Pattern.Matches(text).Select(m => (Rule: rule, Match: m, Found: m.Value)))
                .ToList();
            // "Premium access" also contains the bare "Premium": name only the longest words that matched.
            hits = hits
                .Where(h => !hits.Any(o => o.Match.Length > h.Match.Length
                    && o.Match.Index <= h.Match.Index && h.Match.Index + h.Match.Length <= o.Match.Index + o.Match.Length))
                .DistinctBy(h => h.Found.ToLowerInvariant())
                .ToList();
            if (hits.Count == 0) continue;

            var (rule, _, found) = hits.OrderByDescending(h => h.Rule.Severity).First();
            var others = hits.Where(h => h.Found != found).Select(h => $"“{h.Found}”").ToList();
            var why = string.Format(CultureInfo.InvariantCulture, rule.Why, found)
                + (others.Count > 0 ? $" Also reword {string.Join(", ", others)}." : "");
            var (suggestion, replacement) = Suggest(rule.Advice, d, field, text, found);
            if (others.Count > 0 && rule.Advice == Advice.SayStars) (suggestion, replacement) = SayWhatTheyGet(d, field);
            d.Add(field, rule.Severity, rule.Code, why, suggestion, replacement);
        }
    }

    /// <summary>"After paying, you get ___" must name a deliverable, or the buyer is paying for a mystery.</summary>
    private static void CheckPromiseIsSpecific(Draft d)
    {
        // One clear message per field: a promise already called vague, or pointed at paid media or subscriptions,
        // needs no second "too short" note.
        if (d.Promise.Length == 0 || NotSpecificCodes.Any(code => d.Has(CopyField.Promise, code))) return;
        // Word counts and "a concrete thing" are only meaningful where the coach knows the language's words.
        if (!KnowsWords(d.Input.Language)) return;

        var words = d.Promise.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));
        var (suggestion, replacement) = SayWhatTheyGet(d, CopyField.Promise);
        if (words < MinPromiseWords)
        {
            d.Add(CopyField.Promise, Warning, CopyCodes.PromiseTooShort,
                $"“{d.Promise}” is {(words == 1 ? "1 word" : $"{words} words")}; a buyer needs a few more to know exactly what they get.",
                suggestion, replacement);
        }
        else if (!Concrete.IsMatch(d.Promise))
        {
            d.Add(CopyField.Promise, Warning, CopyCodes.PromiseNotConcrete,
                "The promise doesn't name a concrete thing: a file, a number of credits, a checklist, a reading, a call…",
                suggestion, replacement);
        }
    }

    private static readonly string[] NotSpecificCodes =
        [CopyCodes.VaguePromise, CopyCodes.PaidMediaInstead, CopyCodes.SubscriptionInstead];

    /// <summary>Credits that quietly expire are the classic "I paid and it's gone" complaint; the invoice must say so.</summary>
    private static void CheckCreditExpiryIsStated(Draft d)
    {
        if (d.Input is not { Kind: ActionKind.CreditPack, CreditExpiryDays: > 0 and var days }) return;
        if (MentionsExpiry.IsMatch(d.Promise) || MentionsExpiry.IsMatch(d.Description)) return;

        // Keep the creator's own promise and add the expiry, unless that promise is itself flagged: then offer a
        // line built from the pack's facts (which includes the expiry) rather than polishing a weak one.
        var promiseIsSound = d.Promise.Length > 0 && !d.Findings.Any(f => f.Field == CopyField.Promise);
        var (suggestion, replacement) = promiseIsSound && d.English
            ? ($"{d.Promise.TrimEnd('.', ' ')} (valid {BuyerFacts.Days(days)} after purchase)", true)
            : (d.English ? FactLine(d.Input, CopyField.Promise) : null) is { } line
                ? (line, true)
                : ($"Add “valid {BuyerFacts.Days(days)} after purchase” to the promise or the description.", false);
        d.Add(CopyField.Promise, Problem, CopyCodes.ExpiryNotStated,
            $"These credits expire {BuyerFacts.Days(days)} after purchase, but neither the promise nor the description says so.",
            suggestion, replacement);
    }

    /// <summary>How an invoice's description can say when the purchase arrives.</summary>
    private static readonly Regex MentionsWhen = Phrase("right after", "as soon as", "instantly", "at once", "immediately",
        "within", "after (?:you )?pay(?:ing|ment)?", "in this chat", "minutes?", "hours?");

    /// <summary>
    /// A deep link that opens with the invoice shows no card: the buyer reads only the invoice's title and
    /// description before paying, so the description must say when it arrives (instant or queued).
    /// </summary>
    private static void CheckInvoiceCarriesTheCard(Draft d)
    {
        if (!d.Input.OpensWithInvoice || d.Description.Length == 0 || MentionsWhen.IsMatch(d.Description)) return;
        var (suggestion, replacement) = WithFacts(d, CopyField.Description, "Say what arrives and when, for example ");
        d.Add(CopyField.Description, Warning, CopyCodes.InvoiceLacksWhen,
            "The link opens with the invoice, so buyers never see the card: the description is all they read before paying. Say when it arrives.",
            suggestion, replacement);
    }

    /// <summary>All caps reads as shouting (and as spam) in a chat.</summary>
    private static void CheckTitleIsNotShouting(Draft d)
    {
        // Only cased letters can shout: Persian, Arabic and other scripts without capitals never do.
        var letters = d.Title.Count(char.IsUpper);
        if (letters < 5 || d.Title.Any(char.IsLower)) return;
        var calmer = Shorten(SentenceCase(d.Title), MaxTitleLength);
        d.Add(CopyField.Title, Warning, CopyCodes.AllCapsTitle,
            "The title is in capital letters, which reads as shouting in a chat.",
            calmer.Length > 0 ? calmer : "Write it in normal sentence case.", calmer.Length > 0);
    }

    private static void CheckPrice(Draft d, int maxStars)
    {
        var price = d.Input.PriceStars;
        if (price < 1)
        {
            d.Add(CopyField.Price, Problem, CopyCodes.PriceTooLow,
                $"A price of {BuyerFacts.Stars(price)} Stars can't be invoiced; Telegram needs at least 1 Star.",
                "Set a price of at least 1 Star.");
        }
        else if (price > maxStars)
        {
            d.Add(CopyField.Price, Problem, CopyCodes.PriceTooHigh,
                $"{BuyerFacts.Stars(price)} Stars is above the {BuyerFacts.Stars(maxStars)}-Star limit for one invoice.",
                $"Set a price of {BuyerFacts.Stars(maxStars)} Stars or less, or split it into smaller actions.");
        }
    }

    private static readonly Regex DiscountWords = new(@"(?<!\w)(\d{1,2}\s?%\s?off|discount(ed)?|early[- ]?bird|promo(\s?code)?|coupon|half[- ]price|sale price)(?!\w)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
    private static readonly Regex StarsAmount = new(@"⭐\s?(\d[\d,]*)|(?<!\w)(\d[\d,]*)\s?(?:Stars?|⭐)(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>
    /// The copy promises a discount the action does not have, or names a price in Stars that is neither its price nor
    /// its early-bird price: the buyer would see one number in the text and another on the invoice.
    /// </summary>
    private static void CheckOfferClaims(Draft d)
    {
        var offer = d.Input.Offer ?? new CopyOffer(false, null);
        foreach (var (field, text) in new[] { (CopyField.Title, d.Title), (CopyField.Description, d.Description), (CopyField.Promise, d.Promise) })
        {
            if (!offer.HasDiscount && DiscountWords.Match(text) is { Success: true } discount)
                d.Add(field, Warning, CopyCodes.DiscountNotOffered,
                    $"The copy mentions a discount (“{discount.Value}”), but this action has no early-bird price or promo code.",
                    "Remove it, or add an early-bird price (below) or a promo code for this action.");
            foreach (Match m in StarsAmount.Matches(text))
            {
                var digits = (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Replace(",", "");
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var stars)) continue;
                if (stars == d.Input.PriceStars || stars == offer.EarlyBirdStars) continue;
                d.Add(field, Warning, CopyCodes.PriceMismatch,
                    $"The copy says {BuyerFacts.Stars(stars)} Stars, but the price is {BuyerFacts.Stars(d.Input.PriceStars)}.",
                    "Leave the price out of the text (the card and invoice show it), or make it match.");
                break;
            }
        }
    }

    // ----- suggestions -----

    private static (string Suggestion, bool IsReplacement) Suggest(Advice advice, Draft d, string field, string text, string found) =>
        advice switch
        {
            Advice.SayStars when !d.English => ("Write “Stars” (or ⭐) in the buyer's language instead.", false),
            Advice.SayStars => ReplacementIfFits(field, Regex.Replace(text, @"(?<!\w)xtr(?!\w)", "Stars",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout)),
            Advice.FillBlank => ($"Replace “{found}” with the real words, or delete it.", false),
            Advice.UsePaidMedia => ("Sell photos and videos as Telegram paid media (blurred in the chat until paid). "
                + "Keep paid actions for files, credits, commands, reports and services.", false),
            Advice.UseSubscription => WithFacts(d, field, "Say what one payment buys, for example "),
            _ => SayWhatTheyGet(d, field),
        };

    private static (string, bool) SayWhatTheyGet(Draft d, string field) => WithFacts(d, field, field switch
    {
        CopyField.Title => "Name the thing itself, for example ",
        CopyField.Description => "Say what arrives and when, for example ",
        _ => "Name exactly what arrives, for example ",
    });

    /// <summary>A full replacement line when the action's own facts allow one; otherwise advice with an example.</summary>
    private static (string, bool) WithFacts(Draft d, string field, string advicePrefix) =>
        // The fact lines are English: a Russian title never gets an English line to paste in.
        (d.English ? FactLine(d.Input, field) : null) is { } line
            ? (line, true)
            : ($"{advicePrefix}“{Example(d.Input.Kind, field)}”.", false);

    private static string? FactLine(CopyInput input, string field)
    {
        string? line = input switch
        {
            { Kind: ActionKind.CreditPack, CreditAmount: > 0 and var amount } => field switch
            {
                CopyField.Title => BuyerFacts.Credits(amount),
                CopyField.Description => $"{BuyerFacts.Credits(amount)}, added to your balance as soon as you pay."
                    + (input.CreditExpiryDays is > 0 and var dd ? " " + BuyerFacts.ExpirySentence(dd) : ""),
                _ => $"{BuyerFacts.Credits(amount)} added to your balance right after payment"
                    + (input.CreditExpiryDays is > 0 and var pd ? $" (valid {BuyerFacts.Days(pd)} after purchase)" : ""),
            },
            { Kind: ActionKind.PaidCommand, CommandName: { } name, CommandUses: > 0 and var uses }
                when BuyerFacts.CommandName(name).Length > 0 => field switch
            {
                CopyField.Title => BuyerFacts.CommandUses(uses, name),
                CopyField.Description => $"{BuyerFacts.CommandUses(uses, name)}. Send /{BuyerFacts.CommandName(name)} in this chat after paying.",
                _ => $"{BuyerFacts.CommandUses(uses, name)}, ready right after payment",
            },
            _ => null,
        };
        return line is not null && FitsField(field, line) ? line : null;
    }

    /// <summary>Examples a creator can copy the shape of; each passes the coach itself.</summary>
    private static string Example(ActionKind kind, string field) => (kind, field) switch
    {
        (ActionKind.File, CopyField.Description) => "A 12-week plan for your first marathon, sent as a PDF in this chat right after you pay.",
        (ActionKind.CreditPack, CopyField.Description) => "Credits for /imagine, added to your balance as soon as you pay. They expire 30 days after purchase.",
        (ActionKind.PrivateText, CopyField.Description) => "The exact steps I used to open my shop, as a private checklist in this chat.",
        (ActionKind.PaidCommand, CopyField.Description) => "Send /translate with your text after paying. Works in 40 languages.",
        (ActionKind.Report, CopyField.Description) => "Ask your question after paying; your reading arrives here as a PDF within 10 minutes.",
        (ActionKind.Service, CopyField.Description) => "Send me your portfolio link after paying. I reply with a voice message within 48 hours.",
        (ActionKind.File, CopyField.Title) => "Marathon plan (PDF)",
        (ActionKind.File, _) => "PDF: 12-week marathon training plan",
        (ActionKind.CreditPack, CopyField.Title) => "50 AI image credits",
        (ActionKind.CreditPack, _) => "50 AI image credits (valid 30 days)",
        (ActionKind.PrivateText, CopyField.Title) => "Shop launch checklist",
        (ActionKind.PrivateText, _) => "A private 20-step checklist to launch your shop",
        (ActionKind.PaidCommand, CopyField.Title) => "One /translate",
        (ActionKind.PaidCommand, _) => "One /translate use: any text up to 2,000 characters",
        (ActionKind.Report, CopyField.Title) => "Tarot reading (3-page PDF)",
        (ActionKind.Report, _) => "Your personal tarot reading as a 3-page PDF",
        (ActionKind.Service, CopyField.Title) => "Portfolio voice review",
        (_, _) => "A 10-minute voice review of your portfolio within 48 hours",
    };

    private static (string, bool) ReplacementIfFits(string field, string line) =>
        FitsField(field, line) ? (line, true) : ("Write “Stars” instead.", false);

    private static bool FitsField(string field, string line) => field switch
    {
        CopyField.Title => LengthOf(line) <= MaxTitleLength,
        CopyField.Description => LengthOf(line) <= MaxDescriptionLength,
        _ => true,
    };

    // ----- text helpers -----

    /// <summary>Telegram counts Unicode characters, not UTF-16 units: an emoji like ⭐ is one.</summary>
    private static int LengthOf(string text) => text.EnumerateRunes().Count();

    /// <summary>Cut at a sentence end, else a word boundary, and never leave a bracket open.</summary>
    internal static string Shorten(string text, int max)
    {
        var runes = text.EnumerateRunes().Take(max + 1).ToArray();
        if (runes.Length <= max) return text;
        var head = string.Concat(runes.Take(max).Select(r => r.ToString()));
        var nextIsSpace = Rune.IsWhiteSpace(runes[max]);

        var sentenceEnd = head.LastIndexOfAny(['.', '!', '?']);
        if (sentenceEnd >= max / 2) return head[..(sentenceEnd + 1)].Trim();

        var cut = nextIsSpace ? head : head[..Math.Max(0, head.LastIndexOf(' '))];
        if (cut.Count(c => c == '(') > cut.Count(c => c == ')')) cut = cut[..cut.LastIndexOf('(')];
        cut = cut.TrimEnd(' ', ',', ';', ':', '-', '–', '—', '(', '/', '&');

        // "The complete marathon plan for" reads broken; end on a word that carries meaning.
        while (cut.LastIndexOf(' ') is > 0 and var space && DanglingWords.Contains(cut[(space + 1)..]))
            cut = cut[..space].TrimEnd(' ', ',', ';', ':', '-', '–', '—');
        return cut;
    }

    private static readonly HashSet<string> DanglingWords = new(StringComparer.OrdinalIgnoreCase)
        { "a", "an", "the", "and", "or", "for", "of", "to", "with", "in", "on", "at", "by", "your", "my", "our", "from" };

    private static readonly HashSet<string> KeepUpper = new(StringComparer.Ordinal)
        { "PDF", "AI", "VIP", "FAQ", "SEO", "UK", "USA", "EU", "TV", "DJ", "MP3", "CV", "3D", "OK", "I" };

    private static string SentenceCase(string text)
    {
        var words = text.Replace('_', ' ').Split(' ').Select(w =>
            KeepUpper.Contains(w.Trim('(', ')', ',', '.', ':', '!', '?')) || w.Any(char.IsDigit) ? w : w.ToLowerInvariant());
        var lowered = string.Join(' ', words);
        var first = lowered.Select((c, i) => (c, i)).FirstOrDefault(x => char.IsLetter(x.c));
        return first.c == default ? lowered
            : string.Concat(lowered.AsSpan(0, first.i), char.ToUpperInvariant(first.c).ToString(), lowered.AsSpan(first.i + 1));
    }

    /// <summary>Case-insensitive whole-word alternatives; a space matches any run of whitespace.</summary>
    private static Regex Phrase(params string[] alternatives) => new(
        $@"(?<!\w)(?:{string.Join('|', alternatives.Select(a => a.Replace(" ", @"\s+", StringComparison.Ordinal)))})(?!\w)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>Case-sensitive raw pattern, for code-shaped text where capitals are the signal.</summary>
    private static Regex Code(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    private enum Advice { SayWhatTheyGet, SayStars, UseBuyerWords, FillBlank, UsePaidMedia, UseSubscription }

    private sealed record PhraseRule(string Code, FindingSeverity Severity, Regex Pattern, string Why, Advice Advice,
        bool OnlyWhenNothingConcrete = false);

    /// <summary>The cleaned-up input plus the findings so far; one finding per field and code.</summary>
    private sealed class Draft(CopyInput input)
    {
        public CopyInput Input { get; } = input;
        public string Title { get; } = (input.Title ?? "").Trim();
        public string Description { get; } = (input.Description ?? "").Trim();
        public string Promise { get; } = (input.Promise ?? "").Trim();
        public bool English { get; } = input.Language == Languages.BuyerLanguages.English;
        public List<CopyFinding> Findings { get; } = [];

        public bool Has(string field, string code) => Findings.Any(f => f.Field == field && f.Code == code);

        public void Add(string field, FindingSeverity severity, string code, string why, string suggestion, bool isReplacement = false)
        {
            if (!Has(field, code)) Findings.Add(new CopyFinding(field, severity, code, why, suggestion, isReplacement));
        }
    }
}
