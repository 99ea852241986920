using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StarsStudio.Features.Reports;

public enum BlockKind { Heading, Paragraph, ListItem, Code, Quote, Rule }
