namespace FedActors.Learning.Training;

/// <summary>The update rule (<c>training.optimizer</c>).</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with optional momentum and weight decay.</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba, 2015) with optional L2 weight decay.</summary>
    Adam,
}
