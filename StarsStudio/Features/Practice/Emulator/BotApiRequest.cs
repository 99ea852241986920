using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// The parameters of one Bot API call, whichever way they came (query string, JSON, form-urlencoded, multipart).
/// Telegram accepts all four and so does the emulator; form values that hold JSON (reply_markup, prices) are
/// parsed on demand.
/// </summary>
public sealed class BotApiRequest(JsonObject parameters, IReadOnlyDictionary<string, UploadedFile> files)
{
    public JsonObject Parameters { get; } = parameters;
    public IReadOnlyDictionary<string, UploadedFile> Files { get; } = files;

    public static BotApiRequest Of(object parameters) =>
        new(JsonSerializer.SerializeToNode(parameters)!.AsObject(), new Dictionary<string, UploadedFile>());

    public static async Task<BotApiRequest> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var parameters = new JsonObject();
        var files = new Dictionary<string, UploadedFile>();
        foreach (var (key, value) in request.Query) parameters[key] = value.ToString();

        if (request.HasJsonContentType())
        {
            try
            {
                if (await JsonNode.ParseAsync(request.Body, cancellationToken: ct) is JsonObject body)
                    foreach (var (key, value) in body) parameters[key] = value?.DeepClone();
            }
            catch (JsonException)
            {
                throw BotApiException.BadRequest("can't parse JSON request body");
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, value) in form) parameters[key] = value.ToString();
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files[file.Name] = new UploadedFile(file.FileName, file.ContentType, buffer.ToArray());
            }
        }
        return new BotApiRequest(parameters, files);
    }

    public bool Has(string name) => Parameters[name] is { } node && !(node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);

    public string? String(string name) => Parameters[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };

    public string RequiredString(string name) => String(name) is { Length: > 0 } s ? s : throw PracticeErrors.MissingParameter(name);

    public long? Long(string name)
    {
        var node = Parameters[name];
        if (node is null) return null;
        if (node is JsonValue v)
        {
            if (v.TryGetValue<long>(out var l)) return l;
            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (long)d;
            if (v.TryGetValue<string>(out var s))
            {
                if (s.Length == 0) return null;
                if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
            }
        }
        throw BotApiException.BadRequest($"invalid {name} specified");
    }

    public long RequiredLong(string name) => Long(name) ?? throw PracticeErrors.MissingParameter(name);

    public int? Int(string name) => Long(name) is { } l ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null;

    public bool Bool(string name) => Parameters[name] switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1",
        JsonValue v when v.TryGetValue<long>(out var l) => l != 0,
        _ => false,
    };

    /// <summary>A JSON-valued parameter: an object/array in JSON bodies, a JSON string in forms and query strings.</summary>
    public JsonNode? Json(string name)
    {
        var node = Parameters[name];
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            if (s.Length == 0) return null;
            try { return JsonNode.Parse(s); }
            catch (JsonException) { throw BotApiException.BadRequest($"can't parse {name} JSON object"); }
        }
        return node?.DeepClone();
    }
}
