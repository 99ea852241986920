using System.Globalization;
using StarsStudio.Components.Shared;

namespace StarsStudio.Tests.Components.Shared;

public sealed class FileSizesTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1 KB")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(3 * 1024 * 1024 + 512 * 1024, "3.5 MB")]
    public void Format_Bytes_ReadsAsBKbOrMb(long bytes, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try { Assert.Equal(expected, FileSizes.Format(bytes)); }
        finally { CultureInfo.CurrentCulture = culture; }
    }
}
