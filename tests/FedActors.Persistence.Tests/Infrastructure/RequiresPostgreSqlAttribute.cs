namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>Marks a concrete spec class whose <see cref="SpecFactAttribute"/> tests need FEDACTORS_TEST_POSTGRES.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgreSqlAttribute : Attribute;
