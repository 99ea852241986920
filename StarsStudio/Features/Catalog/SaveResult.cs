using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;

namespace StarsStudio.Features.Catalog;

public sealed record SaveResult(bool Succeeded, string? Error, PaidAction? Action, bool NewVersion)
{
    public static SaveResult Fail(string error) => new(false, error, null, false);
}
