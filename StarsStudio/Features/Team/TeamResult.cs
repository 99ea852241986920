using StarsStudio.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Support;
using System.Text;

namespace StarsStudio.Features.Team;

public sealed record TeamResult(bool Succeeded, IReadOnlyList<string> Errors, string? InviteLink = null)
{
    public static TeamResult Ok(string? inviteLink = null) => new(true, [], inviteLink);
    public static TeamResult Fail(params string[] errors) => new(false, errors);
    public static TeamResult From(IdentityResult r) => r.Succeeded ? Ok() : new(false, r.Errors.Select(e => e.Description).ToList());
}
