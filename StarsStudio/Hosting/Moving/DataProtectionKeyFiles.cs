using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace StarsStudio.Hosting.Moving;

/// <summary>
/// On SQLite the Data Protection key ring is XML files in <c>&lt;DataDirectory&gt;/keys</c>; on PostgreSQL it is the
/// <c>DataProtectionKeys</c> table. A key moves as the EF Core repository would have stored it (friendly name = the
/// file name without .xml, the element unindented), so the saved bot token, service secrets and sign-in cookies
/// made on SQLite still decrypt on PostgreSQL.
/// </summary>
internal static class DataProtectionKeyFiles
{
    public static string DirectoryIn(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    public static IReadOnlyList<DataProtectionKey> Read(string dataDirectory)
    {
        var directory = DirectoryIn(dataDirectory);
        if (!Directory.Exists(directory)) return [];
        // The same files FileSystemXmlRepository reads: every *.xml (payload.key beside them is not Data Protection's).
        return Directory.EnumerateFiles(directory, "*.xml")
            .Order(StringComparer.Ordinal)
            .Select(file => new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = Load(file).ToString(SaveOptions.DisableFormatting),
            })
            .ToList();
    }

    private static XElement Load(string file)
    {
        try { return XElement.Load(file); }
        catch (XmlException e)
        {
            throw new CopyDataProblemException($"'{file}' is not a Data Protection key ({e.Message.TrimEnd('.')}); restore it from a backup or move it away.", e);
        }
    }
}
