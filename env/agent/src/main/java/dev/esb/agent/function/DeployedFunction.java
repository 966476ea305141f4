package dev.esb.agent.function;

import java.util.List;

/** A function as deployed: the request that made it, its resolved image and its tasks. */
public record DeployedFunction(FunctionRequest request, String imageRef, List<WorkerTask> tasks) {

    public DeployedFunction {
        tasks = List.copyOf(tasks);
    }

    public List<String> workers() {
        return tasks.stream().map(WorkerTask::worker).toList();
    }
}
