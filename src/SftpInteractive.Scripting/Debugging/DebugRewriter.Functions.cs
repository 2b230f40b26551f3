using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>Frames around function bodies and sequence points in embedded statements.</summary>
internal sealed partial class DebugRewriter
{
    public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node) => InType(node, () => base.VisitClassDeclaration(node));

    public override SyntaxNode? VisitRecordDeclaration(RecordDeclarationSyntax node) => InType(node, () => base.VisitRecordDeclaration(node));

    public override SyntaxNode? VisitStructDeclaration(StructDeclarationSyntax node) => InType(node, () => base.VisitStructDeclaration(node));

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var body = node.Body ?? ExpressionBody(node.ExpressionBody, node.ReturnType, node.Modifiers);
        if (body is null || IsIterator(body))
        {
            return node;
        }

        var name = _typeName is null ? node.Identifier.ValueText : _typeName + "." + node.Identifier.ValueText;
        var block = Function(name, node, body, node.ParameterList.Parameters, HasThis(node, node.Modifiers), anchor: node.ExpressionBody?.Expression);
        // An expression body's line break is the trailing trivia of its semicolon, which goes.
        block = node.ExpressionBody is null ? block : block.WithTrailingTrivia(node.SemicolonToken.TrailingTrivia);
        return node.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        if (node.Body is not { } body)
        {
            return node;
        }

        var block = Function((_typeName ?? "") + ".ctor", node, body, node.ParameterList.Parameters, HasThis(node, node.Modifiers));
        return node.WithBody(block);
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        if (node.Body is not { } body || IsIterator(body) || node.Parent?.Parent is not BasePropertyDeclarationSyntax property)
        {
            return node;
        }

        var parameters = node.Keyword.IsKind(SyntaxKind.GetKeyword) ? [] : new[] { "value" };
        var owner = property is PropertyDeclarationSyntax p ? p.Identifier.ValueText : "this[]";
        var name = (_typeName is null ? "" : _typeName + ".") + owner + "." + node.Keyword.ValueText;
        var block = Function(name, node, body, [], HasThis(property, property.Modifiers), parameters);
        return node.WithBody(block);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var body = node.Body ?? ExpressionBody(node.ExpressionBody, node.ReturnType, node.Modifiers);
        if (body is null || IsIterator(body))
        {
            return node;
        }

        var block = Function(node.Identifier.ValueText, node, body, node.ParameterList.Parameters, hasThis: false, anchor: node.ExpressionBody?.Expression);
        // An expression body's line break is the trailing trivia of its semicolon, which goes.
        block = node.ExpressionBody is null ? block : block.WithTrailingTrivia(node.SemicolonToken.TrailingTrivia);
        return node.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        node.Block is { } body && !IsIterator(body)
            ? node.WithBlock(Function("lambda", node, body, node.ParameterList.Parameters, hasThis: false))
            : base.VisitParenthesizedLambdaExpression(node);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        node.Block is { } body && !IsIterator(body)
            ? node.WithBlock(Function("lambda", node, body, [node.Parameter], hasThis: false))
            : base.VisitSimpleLambdaExpression(node);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) =>
        !IsIterator(node.Block)
            ? node.WithBlock(Function("delegate", node, node.Block, node.ParameterList?.Parameters ?? [], hasThis: false))
            : node;

    public override SyntaxNode? VisitIfStatement(IfStatementSyntax node)
    {
        var statement = Embedded(node.Statement, []);
        var elseClause = node.Else is null ? null : node.Else.WithStatement(Embedded(node.Else.Statement, []));
        return node.WithCondition((ExpressionSyntax)Visit(node.Condition)).WithStatement(statement).WithElse(elseClause);
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        node.WithCondition((ExpressionSyntax)Visit(node.Condition)).WithStatement(Embedded(node.Statement, []));

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        node.WithStatement(Embedded(node.Statement, [])).WithCondition((ExpressionSyntax)Visit(node.Condition));

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var names = node.Declaration is { } declaration && declaration.Type is not RefTypeSyntax
            ? declaration.Variables.Where(v => v.Initializer is not null).Select(v => v.Identifier.ValueText)
            : [];
        return node.WithStatement(Embedded(node.Statement, names));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        node.Type is RefTypeSyntax
            ? node
            : node.WithExpression((ExpressionSyntax)Visit(node.Expression)).WithStatement(Embedded(node.Statement, [node.Identifier.ValueText]));

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) =>
        node.WithExpression((ExpressionSyntax)Visit(node.Expression)).WithStatement(Embedded(node.Statement, Designated(node.Variable)));

    public override SyntaxNode? VisitUsingStatement(UsingStatementSyntax node)
    {
        var names = node.Declaration?.Variables.Select(v => v.Identifier.ValueText) ?? [];
        return node.WithStatement(Embedded(node.Statement, names));
    }

    public override SyntaxNode? VisitLockStatement(LockStatementSyntax node) => node.WithStatement(Embedded(node.Statement, []));

    public override SyntaxNode? VisitFixedStatement(FixedStatementSyntax node) => node;

    public override SyntaxNode? VisitUnsafeStatement(UnsafeStatementSyntax node) => node;

    /// <summary>An embedded statement as a block of its own with a sequence point (<c>for (...) x++;</c>).</summary>
    private StatementSyntax Embedded(StatementSyntax statement, IEnumerable<string> names) =>
        WithNames(names, () => statement is BlockSyntax block
            ? (StatementSyntax)VisitBlock(block)!
            : WithNames([], () => SyntaxFactory.Block(HookedStatement(statement))));

    /// <summary>A function body with its frame: <c>{ var f = Enter(id); try { ...hooked body... } finally { Exit(f); } }</c>,
    /// all of it on the body's first and last lines.</summary>
    private BlockSyntax Function(string name, SyntaxNode node, BlockSyntax body, IEnumerable<ParameterSyntax> parameters, bool hasThis,
        IEnumerable<string>? implicitParameters = null, SyntaxNode? anchor = null)
    {
        var method = DebugSites.AddMethod(new MethodSite(name, _path, LineOf(node)));
        var names = new List<string>();
        if (hasThis)
        {
            // `this` and, as "this.name", the instance fields and auto-properties its type declares (private ones too:
            // the debugger reads them here, in the class's own code, not by reflection).
            names.Add("this");
            names.AddRange(_typeMembers.Select(m => "this." + m));
        }

        names.AddRange(parameters
            .Where(p => !p.Modifiers.Any(m => m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.ScopedKeyword)) && !IsSpan(p.Type))
            .Select(p => p.Identifier.ValueText)
            .Where(n => n.Length > 0 && n != "_"));
        names.AddRange(implicitParameters ?? []);

        var (saved, savedAnchor) = (_scopes, _anchor);
        (_scopes, _anchor) = ([names], anchor);
        BlockSyntax hooked;
        try
        {
            hooked = (BlockSyntax)VisitBlock(body)!;
        }
        finally
        {
            (_scopes, _anchor) = (saved, savedAnchor);
        }

        var frame = "__sftpiFrame" + method;
        var text = $"{{ var {frame} = {Hooks}.Enter({method}); try {hooked.WithoutLeadingTrivia().WithoutTrailingTrivia().ToFullString()} finally {{ {Hooks}.Exit({frame}); }} }}";
        var wrapped = (BlockSyntax)SyntaxFactory.ParseStatement(text, options: ScriptWorkspace.ParseOptions);
        return wrapped.WithLeadingTrivia(body.GetLeadingTrivia()).WithTrailingTrivia(body.GetTrailingTrivia());
    }

    /// <summary>An expression body as a block (<c>=> x * 2</c> as <c>{ return x * 2; }</c>), or null when its kind of
    /// return cannot be told from the syntax.</summary>
    private static BlockSyntax? ExpressionBody(ArrowExpressionClauseSyntax? arrow, TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (arrow is null || returnType is RefTypeSyntax)
        {
            return null;
        }

        var type = returnType.ToString();
        var isAsync = modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword));
        var noValue = type == "void" || (isAsync && type is "Task" or "ValueTask" or "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask");
        // The arrow's trailing trivia (a line break after =>) stays, so the expression keeps its line.
        var lineBreak = arrow.ArrowToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var expression = (lineBreak ? arrow.ArrowToken.TrailingTrivia.ToFullString() : "") + arrow.Expression.ToFullString();
        var text = noValue ? $"{{ {expression}; }}" : $"{{ return {expression}; }}";
        var block = (BlockSyntax)SyntaxFactory.ParseStatement(text, options: ScriptWorkspace.ParseOptions);
        return block.WithLeadingTrivia(arrow.GetLeadingTrivia());
    }

    private static bool IsIterator(BlockSyntax body) =>
        body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any();

    private bool HasThis(SyntaxNode member, SyntaxTokenList modifiers) =>
        _typeName is not null && !modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)) &&
        member.Ancestors().FirstOrDefault(a => a is TypeDeclarationSyntax) is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword };

    private T InType<T>(TypeDeclarationSyntax type, Func<T> visit)
    {
        var (savedType, savedMembers, savedScopes) = (_typeName, _typeMembers, _scopes);
        (_typeName, _typeMembers, _scopes) = (type.Identifier.ValueText, StateMembers(type), [[]]);
        try
        {
            return visit();
        }
        finally
        {
            (_typeName, _typeMembers, _scopes) = (savedType, savedMembers, savedScopes);
        }
    }

    /// <summary>The instance fields and auto-properties <paramref name="type"/> declares: the object's state, which
    /// reading cannot change (a property with a body could run anything).</summary>
    private static List<string> StateMembers(TypeDeclarationSyntax type)
    {
        var members = new List<string>();
        foreach (var member in type.Members)
        {
            if (member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword) || m.IsKind(SyntaxKind.AbstractKeyword)))
            {
                continue;
            }

            switch (member)
            {
                case FieldDeclarationSyntax field when field.Declaration.Type is not RefTypeSyntax && !IsSpan(field.Declaration.Type):
                    members.AddRange(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case PropertyDeclarationSyntax { AccessorList: { } accessors, ExplicitInterfaceSpecifier: null } property
                    when property.Type is not RefTypeSyntax && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null)
                        && accessors.Accessors.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)):
                    members.Add(property.Identifier.ValueText);
                    break;
            }
        }

        return members;
    }
}
