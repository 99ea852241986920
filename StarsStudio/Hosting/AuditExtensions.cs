using StarsStudio.Features.Audit;

namespace StarsStudio.Hosting;

/// <summary>The audit log every staff action on money, copy, settings and the team writes to.</summary>
public static class AuditExtensions
{
    public static WebApplicationBuilder AddStarsAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }
}
