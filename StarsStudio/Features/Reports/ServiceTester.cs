using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reports;

/// <summary>The editor's "send a test call": a signed call with sample answers, marked "test": true.</summary>
public sealed class ServiceTester(ServiceCaller caller, ServiceSecrets secrets)
{
    public async Task<ServiceResult> TestAsync(PaidActionForm form, CancellationToken ct)
    {
        if (ServiceCaller.UrlProblem(form.ServiceUrl) is { } problem)
            return new ServiceResult(null, TimeSpan.Zero, null, null, null, null, problem, false);
        var secret = secrets.Unprotect(form.ProtectedServiceSecret);
        if (secret is null) return new ServiceResult(null, TimeSpan.Zero, null, null, null, null, "There is no signing secret yet.", false);
        var answers = form.Questions.Select(q => q.ToQuestion()).Where(q => q.Key.Length > 0).DistinctBy(q => q.Key).ToDictionary(q => q.Key, q => q.SampleAnswer());
        var request = new ServiceRequest("SS-TEST-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), 0, "Test buyer", null,
            string.IsNullOrWhiteSpace(form.Slug) ? "test" : form.Slug, 0, answers, form.PriceStars, null, form.Kind == ActionKind.PaidCommand ? "test input" : null, Test: true);
        return await caller.CallAsync(form.ServiceUrl!.Trim(), secret, request, ct);
    }
}
