using StarsStudio.Features.Catalog;

namespace StarsStudio.Tests.Features.Catalog;

public sealed class ActionKindsTests
{
    [Theory]
    [InlineData(ActionKind.File, "File")]
    [InlineData(ActionKind.CreditPack, "Credit pack")]
    [InlineData(ActionKind.PrivateText, "Private text")]
    [InlineData(ActionKind.PaidCommand, "Paid command")]
    [InlineData(ActionKind.Report, "Report")]
    [InlineData(ActionKind.Service, "Service")]
    public void Label_EachKind_IsTheNameCreatorsSee(ActionKind kind, string label) => Assert.Equal(label, ActionKinds.Label(kind));
}
