using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace StarsStudio.Features.Reports;

/// <summary>
/// Signing secrets of mini-service endpoints: made once, shown to the creator once, stored only encrypted with
/// Data Protection (keys in the data directory). Never logged and never put in an exception message.
/// </summary>
public sealed class ServiceSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("StarsStudio.ServiceSecret.v1");

    /// <summary>A new random secret: the plain text to show once, and the protected form to store.</summary>
    public (string Plain, string Protected) Create()
    {
        var plain = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (plain, protector.Protect(plain));
    }

    public string? Unprotect(string? protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret)) return null;
        try { return protector.Unprotect(protectedSecret); }
        catch (CryptographicException) { return null; }
    }
}
