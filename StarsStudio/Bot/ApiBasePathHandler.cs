namespace StarsStudio.Bot;

/// <summary>
/// Telegram.Bot keeps only the scheme, host and port of a custom base URL ("path, query and fragment will be
/// omitted"), so a client pointed at http://host:port/practice calls /bot{token}/{method} at the root. This
/// handler puts the base URL's path back for requests to that host and port — the app's own emulator, another
/// process's emulator, or a self-hosted Bot API behind a path; requests to any other server pass untouched.
/// </summary>
public sealed class ApiBasePathHandler(Func<Uri?> apiBase) : DelegatingHandler
{
    public ApiBasePathHandler(string apiBaseUrl) : this(() => new Uri(apiBaseUrl)) { }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Rewrite(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Rewrite(request);
        return base.Send(request, cancellationToken);
    }

    private void Rewrite(HttpRequestMessage request)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri) return;
        Uri? target;
        try { target = apiBase(); }
        catch (InvalidOperationException) { return; } // the app is not listening yet: nothing to rewrite to
        if (target is null || Uri.Compare(uri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0) return;
        var prefix = target.AbsolutePath.TrimEnd('/');
        if (prefix.Length == 0 || uri.AbsolutePath.StartsWith(prefix + "/", StringComparison.Ordinal)) return;
        if (!uri.AbsolutePath.StartsWith("/bot", StringComparison.Ordinal) && !uri.AbsolutePath.StartsWith("/file/bot", StringComparison.Ordinal)) return;
        request.RequestUri = new UriBuilder(uri) { Path = prefix + uri.AbsolutePath }.Uri;
    }
}
