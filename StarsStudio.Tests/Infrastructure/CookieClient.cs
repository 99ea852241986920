using System.Net;
using System.Text.RegularExpressions;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>An HTTP client with a cookie jar that signs in through the real login form (antiforgery included).</summary>
public sealed partial class CookieClient : IDisposable
{
    private readonly HttpClient http;
    public CookieContainer Cookies { get; } = new();

    public CookieClient(string baseUrl)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
        };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path.TrimStart('/'));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request);

    /// <summary>Posts a static SSR form: fetches the page, copies its antiforgery token, posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IDictionary<string, string> fields)
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var body = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = formName,
        };
        return await http.PostAsync(path.TrimStart('/'), new FormUrlEncodedContent(body));
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    [GeneratedRegex("__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => http.Dispose();
}
