using StarsStudio.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Support;
using System.Text;

namespace StarsStudio.Features.Team;

public sealed record TeamMember(string Id, string Email, string? DisplayName, string Role, bool HasPassword, bool IsLockedOut);
